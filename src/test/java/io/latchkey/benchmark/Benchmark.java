package io.latchkey.benchmark;

import static io.latchkey.benchmark.Report.Target.atLeast;
import static io.latchkey.benchmark.Report.Target.atMost;
import static io.latchkey.benchmark.Report.Target.exactly;

import io.latchkey.testing.PayaraProcess;
import io.latchkey.testing.provider.Login;
import io.latchkey.testing.provider.TestProvider;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Latchkey's benchmark: the packaged WAR on Payara Micro against the project's own OpenID provider
 * ({@link TestProvider}: auto-approving, RS256) and an H2 database served by this JVM, everything
 * on 127.0.0.1. Run it with {@code mvn -Pbench verify}; it prints a table and writes {@code
 * target/bench/results.json}. The targets of the issue are checked here and only here, never by
 * timed tests; a missed target is reported, not failed.
 *
 * <h2>What is measured, and how</h2>
 *
 * <p>Virtual users are {@link VirtualUser}s: each an HTTP client with its own cookie jar, following
 * every redirect by hand. A provider sign-in is the whole sequence from a new browser session:
 * {@code /auth/bench} → provider {@code /authorize} → {@code /auth/callback} → {@code /account}.
 * Throughput runs are closed loops ({@link Load}): N users, each starting again as soon as it is
 * done. Steady-state sign-ins cycle through one provider identity per user (each signed in many
 * times, as returning users do).
 *
 * <ol>
 *   <li>Provider calls per sign-in, by endpoint, counted by the provider over the sign-ins of item
 *       2 (after the warm-up fetched discovery and JWKS once); and the calls other than the token
 *       exchange during item 7's long run.
 *   <li>Complete sign-ins per second with 1 and N users, p50 and p99 latency; the same driver
 *       against the provider alone (authorize + token exchange), and the ratio.
 *   <li>Requests per second of the authenticated {@code /account} against the public page closest
 *       to it in size ({@code /login}, {@code /register} or {@code /}), in alternating rounds; both
 *       sizes and the ratio normalised per byte; and {@code /} signed in against {@code /}
 *       anonymous (the same page, so the difference is the per-request authentication alone), by
 *       requests per second and by the Payara process's CPU per request. The SQL statements per
 *       request and per sign-in (H2's query statistics) explain the difference.
 *   <li>Password sign-ins per second (the login form: GET, POST with the view state, the account
 *       page) with 1 and N users, against seeded accounts; PBKDF2 with Latchkey's parameters timed
 *       on its own in this JVM. The seeded hashes are computed here in Soteria's stored form, which
 *       is checked against a hash stored by a registration through {@code /register}.
 *   <li>Provider sign-in latency of a new identity (a registration) and of a returning one (a
 *       seeded linked identity), with the small and then the large number of accounts in the
 *       database, with the SQL statements and their time inside H2 per sign-in; the admin user
 *       list's first page and a filtered search at the large size, as the {@code
 *       LATCHKEY_ADMIN_EMAIL} account, if the server answers them with 200 (otherwise reported as
 *       not available); the admin dashboard at the small size and at the large one with an audit
 *       trail of {@code bench.audit.large} rows. On loopback the response time stands for the
 *       server time.
 *   <li>The serialized size of the session, measured inside the server by {@link
 *       SessionSizeServlet} (added to a copy of the WAR by {@link BenchWar}): right after the
 *       provider callback, after landing on {@code /account}, after 20 more page views in that
 *       session, and after a password sign-in; plus the number of attributes that do not serialize.
 *   <li>The server process's RSS after a run of 10,000 provider sign-ins, and its heap after a full
 *       GC ({@code jcmd GC.run}, {@code GC.heap_info}). Every sign-in of the run leaves a session
 *       behind (users do not sign out), as they would within the idle timeout.
 * </ol>
 *
 * <h2>Configuration</h2>
 *
 * <p>System properties, all optional (see {@link Settings}): {@code bench.concurrency} (8), {@code
 * bench.warmup}, {@code bench.signins.c1}, {@code bench.signins.cN}, {@code bench.provider.c1},
 * {@code bench.provider.cN}, {@code bench.pages}, {@code bench.pages.rounds}, {@code
 * bench.password.c1}, {@code bench.password.cN}, {@code bench.pbkdf2.samples}, {@code
 * bench.scaling.signins}, {@code bench.accounts.small} (1,000), {@code bench.accounts.large}
 * (1,000,000), {@code bench.audit.large} (10,000,000), {@code bench.admin.requests}, {@code
 * bench.admin.path} ({@code /admin/users}), {@code bench.admin.search} ({@code email=seed-00001}),
 * {@code bench.memory.signins} (10,000) and {@code bench.server.jvmOptions} ({@code -Xmx512m}, as
 * the tests' server).
 *
 * <p>The numbers depend on the machine and on whatever else runs on it: the provider, the database
 * and the driver share this JVM's cores with the server. Compare runs on the same machine. The
 * provider runs with {@code sun.net.httpserver.nodelay=true}: without it the JDK's HttpServer
 * stalls 40 ms (Nagle's algorithm against delayed ACKs) on every answer with a body, which would be
 * charged to Latchkey's token exchange.
 */
public final class Benchmark {

  /** How many junk password sign-ins run at once beside a signed-in user (issue #13). */
  private static final int JUNK_SIGN_INS = 32;

  static final String PROVIDER_ID = "bench";
  static final String CLIENT_ID = "latchkey-bench";

  /** A benchmark fixture, not a secret: it only opens the benchmark's own provider. */
  static final String CLIENT_SECRET = "bench-client-secret-not-used-anywhere-else";

  static final String PASSWORD = "correct horse battery staple";
  static final String ADMIN_EMAIL = "admin@bench.test";

  private static final Pattern STORED_HASH =
      Pattern.compile("PBKDF2WithHmacSHA256:600000:[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=");
  private static final List<String> PUBLIC_PAGES = List.of("/login", "/register", "/");
  private static final List<String> PROVIDER_ENDPOINTS =
      List.of("discovery", "jwks", "token", "userinfo");

  private final Settings settings;
  private final Report report;
  private final BenchDatabase database;
  private final TestProvider provider;
  private final BenchServer server;
  private final List<VirtualUser> users;
  private final List<Login> returningUsers;
  private final String passwordHash;
  private final Map<String, String> failures = new LinkedHashMap<>();
  private Instant firstSignIn;
  private int failedIterations;

  private Benchmark(
      Settings settings,
      Report report,
      BenchDatabase database,
      TestProvider provider,
      BenchServer server,
      String passwordHash) {
    this.settings = settings;
    this.report = report;
    this.database = database;
    this.provider = provider;
    this.server = server;
    this.passwordHash = passwordHash;
    this.users = newUsers(settings.concurrency());
    this.returningUsers =
        IntStream.range(0, settings.concurrency())
            .mapToObj(
                i ->
                    Login.DEFAULT
                        .withSubject("bench-user-" + i)
                        .withEmail("bench-user-" + i + "@bench.test")
                        .withName("Bench User " + i))
            .toList();
  }

  public static void main(String[] args) throws Exception {
    // The provider (the JDK's HttpServer) otherwise writes headers and body in two segments and
    // waits for the delayed ACK of the first: 40 ms on every answer with a body (token, JWKS),
    // which no real provider costs. Must be set before the HttpServer classes load.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    Settings settings = Settings.fromSystemProperties();
    Path workDir = Files.createDirectories(settings.buildDir().resolve("bench"));
    Report report = new Report();
    Map<String, String> context = new LinkedHashMap<>();
    context.put("settings", settings.toString());
    context.put("payaraVersion", System.getProperty("bench.payaraVersion", "unknown"));
    try {
      String passwordHash = Pbkdf2.hash(PASSWORD);
      Path war =
          BenchWar.withSessionProbe(
              settings.buildDir().resolve("latchkey.war"), workDir.resolve("latchkey-bench.war"));
      int port = PayaraProcess.freePort();
      String baseUrl = "http://localhost:" + port;
      try (BenchDatabase database = BenchDatabase.start(workDir.resolve("db"));
          TestProvider provider =
              TestProvider.start(CLIENT_ID, CLIENT_SECRET, baseUrl + "/auth/callback")) {
        Instant booting = Instant.now();
        log("Starting Payara Micro with " + war + " on " + baseUrl);
        try (BenchServer server =
            BenchServer.start(
                settings,
                war,
                workDir,
                port,
                Map.of(
                    "LATCHKEY_BASE_URL",
                    baseUrl,
                    "LATCHKEY_DB_URL",
                    database.url(),
                    "LATCHKEY_ADMIN_EMAIL",
                    ADMIN_EMAIL,
                    "OIDC_PROVIDER_ID",
                    PROVIDER_ID,
                    "OIDC_PROVIDER_NAME",
                    "Bench",
                    "OIDC_ISSUER",
                    provider.issuer(),
                    "OIDC_CLIENT_ID",
                    CLIENT_ID,
                    "OIDC_CLIENT_SECRET",
                    CLIENT_SECRET,
                    // Every virtual user comes from 127.0.0.1: the per-address limits would
                    // refuse the load itself (each limit's refusals are tested by the ITs).
                    "LATCHKEY_SIGN_IN_STARTS_PER_ADDRESS_PER_MINUTE",
                    "100000000",
                    "LATCHKEY_ATTEMPTS_PER_ADDRESS_PER_MINUTE",
                    "100000000"))) {
          report.add(
              0,
              "Server boot to ready (context)",
              Duration.between(booting, Instant.now()).toMillis() / 1000.0,
              "s",
              "log: " + server.log());
          context.put("serverJvmOptions", String.join(" ", settings.serverJvmOptions()));
          context.put("war", war.toString());
          context.put("baseUrl", baseUrl);
          context.put("providerIssuer", provider.issuer());
          context.put("database", database.url());
          new Benchmark(settings, report, database, provider, server, passwordHash).run();
        }
      }
    } finally {
      report.print(System.out);
      Path results = workDir.resolve("results.json");
      report.writeJson(results, context);
      log("Results written to " + results);
    }
  }

  private void run() throws Exception {
    try {
      measureAll();
    } finally {
      report.add(
          0,
          "Failed iterations in all runs",
          failedIterations,
          "",
          exactly(0),
          failures.entrySet().stream()
              .map(failure -> failure.getKey() + ": " + failure.getValue())
              .reduce((a, b) -> a + " | " + b)
              .orElse(""));
    }
  }

  private void measureAll() throws Exception {
    timePbkdf2();
    long seeded = database.seedUpTo(settings.smallAccounts(), passwordHash, provider.issuer());
    database.addPasswordAccount(
        BenchDatabase.SEED_ID_BASE - 1, ADMIN_EMAIL, "Bench Admin", passwordHash);
    database.addProvenIdentity(BenchDatabase.SEED_ID_BASE - 1, provider.issuer(), ADMIN_EMAIL);
    log("Seeded " + seeded + " accounts; warming up");
    report.add(0, "Resident set size after boot (context)", mib(server.residentKib()), "MiB", null);
    firstSignIn = Instant.now();
    load("warm-up sign-ins", users, settings.warmupSignIns(), this::returningSignIn);
    providerSignIns();
    pages();
    passwordSignIns();
    sessionSizes();
    accountScaling();
    memory();
  }

  // 1–2: provider sign-ins ---------------------------------------------------------------------

  private void providerSignIns() {
    log("Items 1-2: provider sign-ins");
    provider.clearLogins();
    provider.resetCounts();
    Duration cpuBefore = server.cpuTime();
    Load.Result serial =
        load(
            "provider sign-ins",
            users.subList(0, 1),
            settings.signInsSerial(),
            this::returningSignIn);
    Duration cpuBetween = server.cpuTime();
    Load.Result concurrent =
        load("provider sign-ins", users, settings.signInsConcurrent(), this::returningSignIn);
    Duration cpuAfter = server.cpuTime();
    appCpuPerSignIn("1 user", cpuBetween.minus(cpuBefore), serial);
    appCpuPerSignIn(settings.concurrency() + " users", cpuAfter.minus(cpuBetween), concurrent);
    int signIns =
        serial.completed() + serial.failed() + concurrent.completed() + concurrent.failed();
    for (String endpoint : PROVIDER_ENDPOINTS) {
      report.add(
          1,
          "Provider calls per sign-in: " + endpoint,
          (double) provider.calls(endpoint) / signIns,
          "calls",
          exactly(endpoint.equals("token") ? 1 : 0),
          endpoint.equals("token")
              ? provider.calls(endpoint) + " calls in " + signIns + " steady-state sign-ins"
              : null);
    }

    provider.clearLogins();
    String redirectUri = server.baseUri().resolve("/auth/callback").toString();
    Load.Step alone =
        (user, i) ->
            user.authorizeAndExchange(provider.issuer(), CLIENT_ID, CLIENT_SECRET, redirectUri);
    load("provider alone, warm-up", users, settings.providerAloneSerial() / 2, alone);
    Load.Result aloneSerial =
        load("provider alone", users.subList(0, 1), settings.providerAloneSerial(), alone);
    Load.Result aloneConcurrent =
        load("provider alone", users, settings.providerAloneConcurrent(), alone);

    throughput(2, "Provider sign-ins", serial);
    throughput(2, "Provider sign-ins", concurrent);
    throughput(2, "Provider alone (authorize + token)", aloneSerial);
    throughput(2, "Provider alone (authorize + token)", aloneConcurrent);
    report.add(
        2,
        "Sign-ins / provider alone, 1 user",
        serial.perSecond() / aloneSerial.perSecond(),
        "ratio",
        null);
    report.add(
        2,
        "Sign-ins / provider alone, " + settings.concurrency() + " users",
        concurrent.perSecond() / aloneConcurrent.perSecond(),
        "ratio",
        null);
    report.add(
        2,
        "Latency Latchkey adds to a sign-in (p50 difference), 1 user",
        serial.p50Millis() - aloneSerial.p50Millis(),
        "ms",
        null);
  }

  /**
   * The server's CPU per complete sign-in (4 redirects, the token exchange and one {@code /account}
   * render), as the operating system counts it for the process: a regression shows here without the
   * side-by-side peer.
   */
  private void appCpuPerSignIn(String users, Duration cpu, Load.Result result) {
    int signIns = result.completed() + result.failed();
    report.add(
        2,
        "App CPU per provider sign-in, " + users,
        signIns == 0 ? 0 : cpu.toNanos() / 1e6 / signIns,
        "ms",
        cpu.toMillis() + " ms of CPU for " + signIns + " sign-ins, JIT and GC included");
  }

  /** Anonymous views of the public pages, each by a new browser: none may start a session. */
  private void anonymousSessions() throws Exception {
    int views = 0;
    int cookies = 0;
    for (int round = 0; round < 20; round++) {
      for (String page : PUBLIC_PAGES) {
        VirtualUser stranger = newUsers(1).get(0);
        cookies += stranger.open(page).headers().allValues("Set-Cookie").size();
        views++;
      }
      VirtualUser stranger = newUsers(1).get(0);
      cookies += stranger.get("/no-such-page").headers().allValues("Set-Cookie").size();
      views++;
    }
    report.add(
        3,
        "Set-Cookie headers on anonymous views of " + PUBLIC_PAGES + " and a 404 page",
        cookies,
        "headers",
        exactly(0),
        views + " views, each by a new browser");
  }

  private void throughput(int item, String what, Load.Result result) {
    String users = result.users() == 1 ? "1 user" : result.users() + " users";
    String failures =
        result.failed() == 0 ? "" : "; " + result.failed() + " failed: " + result.firstFailure();
    report.add(
        item,
        what + " per second, " + users,
        result.perSecond(),
        "/s",
        result.completed() + " in " + seconds(result.elapsed()) + failures);
    report.add(item, what + " p50 latency, " + users, result.p50Millis(), "ms", null);
    report.add(item, what + " p99 latency, " + users, result.p99Millis(), "ms", null);
  }

  /** A returning user signs in again: one identity per virtual user, each used many times. */
  private void returningSignIn(VirtualUser user, int iteration) throws Exception {
    provider.enqueueLogin(returningUsers.get(iteration % returningUsers.size()));
    user.signInWithProvider(PROVIDER_ID);
  }

  // 3: pages -----------------------------------------------------------------------------------

  private void pages() throws Exception {
    log("Item 3: authenticated and public pages");
    anonymousSessions();
    List<VirtualUser> signedIn = users;
    for (int i = 0; i < signedIn.size(); i++) {
      provider.enqueueLogin(returningUsers.get(i));
      signedIn.get(i).signInWithProvider(PROVIDER_ID);
    }
    List<VirtualUser> anonymous = newUsers(settings.concurrency());
    int accountSize = signedIn.get(0).open("/account").body().length;
    Map<String, Integer> publicSizes = new LinkedHashMap<>();
    for (String page : PUBLIC_PAGES) {
      publicSizes.put(page, anonymous.get(0).open(page).body().length);
    }
    String closest =
        publicSizes.entrySet().stream()
            .min(Comparator.comparingInt(e -> Math.abs(e.getValue() - accountSize)))
            .orElseThrow()
            .getKey();
    int publicSize = publicSizes.get(closest);

    Compared accountVsPublic = alternate(signedIn, "/account", anonymous, closest);
    Load.Result account = accountVsPublic.first();
    Load.Result publicPage = accountVsPublic.second();
    Compared home = alternate(signedIn, "/", anonymous, "/");
    int homeSignedInSize = signedIn.get(0).open("/").body().length;

    String users = settings.concurrency() + " users";
    report.add(
        3,
        "Authenticated /account per second, " + users,
        account.perSecond(),
        "/s",
        accountSize
            + " bytes; p50 "
            + millis(account.p50Millis())
            + ", p99 "
            + millis(account.p99Millis()));
    report.add(
        3,
        "Public " + closest + " per second, " + users,
        publicPage.perSecond(),
        "/s",
        publicSize
            + " bytes (closest in size of "
            + publicSizes
            + "); p50 "
            + millis(publicPage.p50Millis())
            + ", p99 "
            + millis(publicPage.p99Millis()));
    report.add(
        3,
        "Authenticated /account / public " + closest,
        account.perSecond() / publicPage.perSecond(),
        "ratio",
        atLeast(0.9),
        "sizes " + accountSize + " and " + publicSize + " bytes");
    report.add(
        3,
        "The same, per byte served",
        (account.perSecond() * accountSize) / (publicPage.perSecond() * publicSize),
        "ratio",
        "requests per second × page size");
    report.add(
        3,
        "Home page / signed in / anonymous",
        home.first().perSecond() / home.second().perSecond(),
        "ratio",
        atLeast(0.9),
        String.format(
            Locale.ROOT,
            "%.0f/s (%d bytes) vs %.0f/s (%d bytes): the same page, so the difference is the"
                + " per-request authentication",
            home.first().perSecond(),
            homeSignedInSize,
            home.second().perSecond(),
            publicSizes.get("/")));
    report.add(
        3,
        "App CPU per request of /, signed in / anonymous",
        home.firstCpuMillisPerRequest() / home.secondCpuMillisPerRequest(),
        "ratio",
        atMost(1.2),
        String.format(
            Locale.ROOT,
            "%.2f ms vs %.2f ms of the Payara process's CPU per request, %s",
            home.firstCpuMillisPerRequest(),
            home.secondCpuMillisPerRequest(),
            users));
    statementCounts(signedIn.get(0), anonymous.get(0));
  }

  /** SQL statements per provider sign-in and per page request, from the database's statistics. */
  private void statementCounts(VirtualUser signedIn, VirtualUser anonymous) throws Exception {
    int n = 20;
    databaseWork(
        "provider sign-in",
        n,
        database.workDuring(
            () -> {
              for (int i = 0; i < n; i++) {
                returningSignIn(signedIn, i);
              }
            }));
    for (String page : List.of("/account", "/")) {
      databaseWork(
          "request of " + page + ", signed in",
          n,
          database.workDuring(
              () -> {
                for (int i = 0; i < n; i++) {
                  signedIn.open(page);
                }
              }));
    }
    databaseWork(
        "request of /, anonymous",
        n,
        database.workDuring(
            () -> {
              for (int i = 0; i < n; i++) {
                anonymous.open("/");
              }
            }));
  }

  private void databaseWork(String what, int times, BenchDatabase.Work work) {
    report.add(
        0,
        "SQL statements per " + what + " (context)",
        (double) work.statements() / times,
        "",
        "H2 execution time " + millis(work.millis() / times) + " per " + what);
  }

  /**
   * Alternating rounds of {@code firstPage} requested by {@code first} and {@code secondPage} by
   * {@code second} (after a warm-up of each), so that a change in the machine's load hits both; the
   * app's CPU is read from the OS around each round.
   */
  private Compared alternate(
      List<VirtualUser> first, String firstPage, List<VirtualUser> second, String secondPage) {
    Load.Step a = (user, i) -> user.open(firstPage);
    Load.Step b = (user, i) -> user.open(secondPage);
    load(firstPage + ", warm-up", first, settings.pageRequests() / 4, a);
    load(secondPage + ", warm-up", second, settings.pageRequests() / 4, b);
    Load.Result firstResult = null;
    Load.Result secondResult = null;
    Duration firstCpu = Duration.ZERO;
    Duration secondCpu = Duration.ZERO;
    for (int round = 0; round < settings.pageRounds(); round++) {
      log("Item 3: " + firstPage + " by the first users, round " + (round + 1));
      Duration before = server.cpuTime();
      Load.Result x = load(firstPage, first, settings.pageRequests(), a);
      Duration between = server.cpuTime();
      log("Item 3: " + secondPage + " by the second users, round " + (round + 1));
      Load.Result y = load(secondPage, second, settings.pageRequests(), b);
      Duration after = server.cpuTime();
      firstResult = firstResult == null ? x : firstResult.plus(x);
      secondResult = secondResult == null ? y : secondResult.plus(y);
      firstCpu = firstCpu.plus(between.minus(before));
      secondCpu = secondCpu.plus(after.minus(between));
    }
    return new Compared(firstResult, secondResult, firstCpu, secondCpu);
  }

  /** Two alternated loads and the app's CPU during each. */
  private record Compared(
      Load.Result first, Load.Result second, Duration firstCpu, Duration secondCpu) {

    double firstCpuMillisPerRequest() {
      return firstCpu.toNanos() / 1e6 / Math.max(1, first.completed());
    }

    double secondCpuMillisPerRequest() {
      return secondCpu.toNanos() / 1e6 / Math.max(1, second.completed());
    }
  }

  // 4: password sign-ins -----------------------------------------------------------------------

  private void timePbkdf2() {
    log("Item 4: PBKDF2 in this JVM");
    Pbkdf2.millisPerHash(PASSWORD);
    double[] samples =
        IntStream.range(0, settings.pbkdf2Samples())
            .mapToDouble(i -> Pbkdf2.millisPerHash(PASSWORD))
            .sorted()
            .toArray();
    report.add(
        4,
        "PBKDF2-HMAC-SHA256, 600,000 iterations, one hash (benchmark JVM)",
        samples[samples.length / 2],
        "ms",
        String.format(
            Locale.ROOT,
            "median of %d; min %.1f ms, max %.1f ms; javax.crypto, 32-byte salt and key",
            samples.length,
            samples[0],
            samples[samples.length - 1]));
  }

  private void passwordSignIns() throws Exception {
    log("Item 4: password sign-ins");
    VirtualUser registering = users.get(0);
    String email = "registered-" + UUID.randomUUID() + "@bench.test";
    registering.register(email, "Registered Through The Form", PASSWORD);
    Object stored = database.value("SELECT password_hash FROM account WHERE email = ?", email);
    if (stored == null
        || !STORED_HASH.matcher(stored.toString()).matches()
        || !STORED_HASH.matcher(passwordHash).matches()) {
      throw new IllegalStateException(
          "The stored hash of a registration is not in the form the benchmark seeds: " + stored);
    }
    Load.Step signIn =
        (user, i) ->
            user.signInWithPassword(BenchDatabase.seedEmail(1 + users.indexOf(user)), PASSWORD);
    load("password sign-ins, warm-up", users.subList(0, 1), 2, signIn);
    Load.Result serial =
        load("password sign-ins", users.subList(0, 1), settings.passwordSignInsSerial(), signIn);
    Load.Result concurrent =
        load("password sign-ins", users, settings.passwordSignInsConcurrent(), signIn);
    throughput(4, "Password sign-ins", serial);
    throughput(4, "Password sign-ins", concurrent);
    signedInPagesDuringPasswordSignIns();
  }

  /**
   * 32 junk password sign-ins at once (unknown emails: each still costs a full hash) must not take
   * the pooled connections or the request threads from signed-in users: the signed-in page's p99,
   * alone and while they run.
   */
  private void signedInPagesDuringPasswordSignIns() throws Exception {
    VirtualUser reader = users.get(0);
    reader.signInWithPassword(BenchDatabase.seedEmail(1), PASSWORD);
    Load.Step page = (user, i) -> user.open("/account");
    load("signed-in /account, warm-up", List.of(reader), 50, page);
    Load.Result alone = load("signed-in /account alone", List.of(reader), 200, page);
    List<VirtualUser> junk = newUsers(JUNK_SIGN_INS);
    int junkSignIns = JUNK_SIGN_INS * 6;
    ExecutorService background = Executors.newSingleThreadExecutor();
    try {
      Future<Load.Result> sprayed =
          background.submit(
              () ->
                  Load.run(
                      junk,
                      junkSignIns,
                      (user, i) ->
                          user.refusedPasswordSignIn(
                              "junk-" + i + "@bench.test", "not-a-password")));
      Thread.sleep(2_000); // every junk user past its first page, hashing or queued for a hash
      Load.Result during =
          load("signed-in /account during junk sign-ins", List.of(reader), 200, page);
      boolean junkOutlastedTheReads = !sprayed.isDone();
      Load.Result refused = kept("junk password sign-ins", junk, junkSignIns, sprayed.get());
      if (!junkOutlastedTheReads) {
        failedIterations++;
        failures.put(
            "signed-in /account during junk sign-ins",
            "the junk sign-ins ended before the 200 reads did, so the p99 is not under that load");
      }
      String context = JUNK_SIGN_INS + " junk password sign-ins at once";
      report.add(4, "Signed-in /account p99, alone", alone.p99Millis(), "ms", null);
      report.add(
          4,
          "Signed-in /account p99, while " + context,
          during.p99Millis(),
          "ms",
          atMost(Math.max(250, 5 * alone.p99Millis())),
          refused.completed()
              + " refused in "
              + refused.elapsed().toMillis()
              + " ms, "
              + refused.failed()
              + " failed; /account p50 "
              + Math.round(during.p50Millis())
              + " ms");
    } finally {
      background.shutdownNow();
    }
  }

  // 6: session size ----------------------------------------------------------------------------

  private void sessionSizes() throws Exception {
    log("Item 6: session size");
    VirtualUser user = users.get(0);
    List<String> unserializable = new ArrayList<>();
    provider.clearLogins();
    provider.enqueueLogin(returningUsers.get(0));
    VirtualUser.Response callback = user.signInWithProviderUntilCallback(PROVIDER_ID);
    sessionSize(user, "Session after provider sign-in, at the callback", unserializable);
    user.get(callback.next());
    sessionSize(user, "Session after provider sign-in, on /account", unserializable);
    for (int i = 0; i < 20; i++) {
      user.open(i % 2 == 0 ? "/account" : "/");
    }
    sessionSize(user, "The same session after 20 more page views", unserializable);
    user.signInWithPassword(BenchDatabase.seedEmail(1), PASSWORD);
    sessionSize(user, "Session after password sign-in, on /account", unserializable);
    report.add(
        6,
        "Session attributes that do not serialize (all four)",
        unserializable.size(),
        "attributes",
        exactly(0),
        String.join("; ", unserializable));
  }

  private void sessionSize(VirtualUser user, String name, List<String> unserializable)
      throws Exception {
    JsonObject probe;
    try (JsonReader reader =
        Json.createReader(new StringReader(user.open("/bench/session-size").text()))) {
      probe = reader.readObject();
    }
    if (!probe.getBoolean("session")) {
      report.missing(6, name, "bytes", atMost(2048), "no session");
      return;
    }
    StringBuilder attributes = new StringBuilder();
    for (JsonObject attribute : probe.getJsonArray("attributes").getValuesAs(JsonObject.class)) {
      String described = attribute.getString("name") + " (" + attribute.getString("class") + ")";
      if (attribute.containsKey("error")) {
        unserializable.add(described + ": " + attribute.getString("error"));
        attributes.append(described).append(" does not serialize; ");
      } else {
        attributes.append(described).append(' ').append(attribute.getInt("bytes")).append(" B; ");
      }
    }
    long total = probe.getJsonNumber("total").longValue();
    if (total < 0) {
      report.missing(6, name, "bytes", atMost(2048), "does not serialize: " + attributes);
    } else {
      report.add(6, name, total, "bytes", atMost(2048), attributes.toString().trim());
    }
  }

  // 5: number of accounts ----------------------------------------------------------------------

  private void accountScaling() throws Exception {
    long smallCount = database.accounts();
    log("Item 5: sign-in latency with " + smallCount + " accounts");
    Scaling small = scalingSignIns(database.seeded());
    Measured smallDashboard = dashboard();

    log("Item 5: seeding up to " + settings.largeAccounts() + " accounts");
    Instant seeding = Instant.now();
    long added = database.seedUpTo(settings.largeAccounts(), passwordHash, provider.issuer());
    database.checkpoint();
    report.add(
        0,
        "Seeding up to " + count(settings.largeAccounts()) + " accounts (context)",
        Duration.between(seeding, Instant.now()).toMillis() / 1000.0,
        "s",
        count(added)
            + " accounts by INSERT … SELECT in H2, with roles, half of them with a linked"
            + " identity, one audit entry each");
    long largeCount = database.accounts();
    log("Item 5: sign-in latency with " + largeCount + " accounts");
    Scaling large = scalingSignIns(database.seeded());

    scalingRows("new identity", smallCount, small.newIdentity(), largeCount, large.newIdentity());
    scalingRows("returning identity", smallCount, small.returning(), largeCount, large.returning());
    adminList();

    log("Item 5: seeding the audit trail up to " + settings.largeAuditRows() + " rows");
    Instant seedingAudit = Instant.now();
    long auditAdded = database.seedAuditUpTo(settings.largeAuditRows());
    database.checkpoint();
    report.add(
        0,
        "Seeding up to " + count(settings.largeAuditRows()) + " audit rows (context)",
        Duration.between(seedingAudit, Instant.now()).toMillis() / 1000.0,
        "s",
        count(auditAdded)
            + " sign-in entries over 30 days with their per-day counters; a fifth of the accounts"
            + " signed in within 60 days");
    dashboardRows(smallCount, smallDashboard, largeCount, dashboard());
    auditLog();
  }

  /**
   * The audit log ({@code /admin/audit}) at the large size: its first page, and the dashboard's
   * links into it (one event type; one account), p50 with the SQL each view costs.
   */
  private void auditLog() throws Exception {
    VirtualUser admin = users.get(0);
    admin.signInWithPassword(ADMIN_EMAIL, PASSWORD);
    String rows = count(database.auditRows()) + " audit rows";
    for (String[] page :
        new String[][] {
          {"first page", "/admin/audit"},
          {"one event type", "/admin/audit?type=SIGN_IN_FAILED"},
          {"one account", "/admin/audit?account=" + (BenchDatabase.SEED_ID_BASE + 2)}
        }) {
      Load.Step open = (user, i) -> user.open(page[1]);
      load(page[1] + ", warm-up", List.of(admin), 3, open);
      Measured measured = measured(page[1], List.of(admin), settings.adminRequests(), open);
      report.add(
          5,
          "Audit log (/admin/audit), " + page[0] + ", p50 at " + rows,
          measured.result().p50Millis(),
          "ms",
          atMost(50),
          measured.note("view"));
    }
  }

  /**
   * The admin dashboard ({@code /admin}) as the {@code LATCHKEY_ADMIN_EMAIL} account: p50 of {@code
   * bench.admin.requests} views and the SQL each costs.
   */
  private Measured dashboard() throws Exception {
    VirtualUser admin = users.get(0);
    admin.signInWithPassword(ADMIN_EMAIL, PASSWORD);
    Load.Step open = (user, i) -> user.open("/admin");
    load("/admin, warm-up", List.of(admin), 5, open);
    return measured("/admin", List.of(admin), settings.adminRequests(), open);
  }

  private void dashboardRows(long smallCount, Measured small, long largeCount, Measured large) {
    String name = "Admin dashboard (/admin), p50 ";
    report.add(
        5,
        name + "at " + count(smallCount) + " accounts",
        small.result().p50Millis(),
        "ms",
        small.note("view"));
    report.add(
        5,
        name
            + "at "
            + count(largeCount)
            + " accounts, "
            + count(database.auditRows())
            + " audit rows",
        large.result().p50Millis(),
        "ms",
        atMost(50),
        large.note("view"));
    report.add(
        5,
        name + "ratio large / small",
        large.result().p50Millis() / small.result().p50Millis(),
        "ratio",
        null);
  }

  /** Sign-ins of one kind at one database size, and what the database did for them. */
  private record Measured(Load.Result result, BenchDatabase.Work work) {

    String note() {
      return note("sign-in");
    }

    String note(String per) {
      return String.format(
          Locale.ROOT,
          "p99 %s over %d; %.1f SQL statements and %s in H2 per %s",
          millis(result.p99Millis()),
          result.completed(),
          (double) work.statements() / result.completed(),
          millis(work.millis() / result.completed()),
          per);
    }
  }

  /** New identities (each registers an account) and returning seeded identities. */
  private record Scaling(Measured newIdentity, Measured returning) {}

  private void scalingRows(
      String kind, long smallCount, Measured small, long largeCount, Measured large) {
    String name = "Provider sign-in, " + kind + ", p50 ";
    report.add(
        5,
        name + "at " + count(settings.smallAccounts()) + " accounts",
        small.result().p50Millis(),
        "ms",
        count(smallCount) + " accounts; " + small.note());
    report.add(
        5,
        name + "at " + count(settings.largeAccounts()) + " accounts",
        large.result().p50Millis(),
        "ms",
        count(largeCount) + " accounts; " + large.note());
    report.add(
        5,
        name + "ratio large / small",
        large.result().p50Millis() / small.result().p50Millis(),
        "ratio",
        atMost(1.2),
        null);
  }

  /** New identities (each registers an account), then returning seeded identities; one user. */
  private Scaling scalingSignIns(long seededAccounts) throws Exception {
    List<VirtualUser> one = users.subList(0, 1);
    provider.clearLogins();
    Load.Step newIdentity =
        (user, i) -> {
          String id = UUID.randomUUID().toString();
          provider.enqueueLogin(
              Login.DEFAULT
                  .withSubject("new-" + id)
                  .withEmail("new-" + id + "@bench.test")
                  .withName("New User"));
          user.signInWithProvider(PROVIDER_ID);
        };
    Load.Step returning =
        (user, i) -> {
          long n = 2 * ThreadLocalRandom.current().nextLong(1, seededAccounts / 2 + 1);
          provider.enqueueLogin(
              Login.DEFAULT
                  .withSubject(BenchDatabase.seedSubject(n))
                  .withEmail(BenchDatabase.seedEmail(n))
                  .withName("Seeded User " + n));
          user.signInWithProvider(PROVIDER_ID);
        };
    load("new identities, warm-up", one, 30, newIdentity);
    load("returning identities, warm-up", one, 30, returning);
    return new Scaling(
        measured("new identities", one, settings.scalingSignIns(), newIdentity),
        measured("returning identities", one, settings.scalingSignIns(), returning));
  }

  private Measured measured(String what, List<VirtualUser> runners, int iterations, Load.Step step)
      throws Exception {
    Load.Result[] result = new Load.Result[1];
    BenchDatabase.Work work =
        database.workDuring(() -> result[0] = load(what, runners, iterations, step));
    return new Measured(result[0], work);
  }

  private void adminList() throws Exception {
    String at = " at " + count(settings.largeAccounts()) + " accounts";
    String firstPage = "Admin user list, first page, p50" + at;
    String search = "Admin user list, search " + settings.adminSearchQuery() + ", p50" + at;
    VirtualUser admin = users.get(0);
    admin.signInWithPassword(ADMIN_EMAIL, PASSWORD);
    String path = settings.adminUsersPath();
    VirtualUser.Response probe = admin.get(path);
    if (probe.status() != 200) {
      String why =
          "not available: GET " + path + " answered HTTP " + probe.status() + " to the admin";
      report.missing(5, firstPage, "ms", atMost(50), why);
      report.missing(5, search, "ms", atMost(50), why);
      return;
    }
    for (String[] page :
        new String[][] {{firstPage, path}, {search, path + "?" + settings.adminSearchQuery()}}) {
      Load.Step open = (user, i) -> user.open(page[1]);
      load(page[1] + ", warm-up", List.of(admin), 3, open);
      Load.Result result = load(page[1], List.of(admin), settings.adminRequests(), open);
      report.add(
          5,
          page[0],
          result.p50Millis(),
          "ms",
          atMost(50),
          "p99 " + millis(result.p99Millis()) + " over " + result.completed() + " requests");
    }
  }

  // 7: memory ----------------------------------------------------------------------------------

  private void memory() throws Exception {
    log("Item 7: " + settings.memorySignIns() + " sign-ins, then memory");
    provider.clearLogins();
    provider.resetCounts();
    Duration runStart = Duration.between(firstSignIn, Instant.now());
    Load.Result run =
        load("memory run sign-ins", users, settings.memorySignIns(), this::returningSignIn);
    report.add(
        1,
        "Provider calls other than token during " + count(settings.memorySignIns()) + " sign-ins",
        provider.calls("discovery") + provider.calls("jwks") + provider.calls("userinfo"),
        "calls",
        exactly(0),
        String.format(
            Locale.ROOT,
            "discovery %d, jwks %d, userinfo %d; token %d; the run went from %s to %s after"
                + " the first sign-in, which fetched discovery and JWKS",
            provider.calls("discovery"),
            provider.calls("jwks"),
            provider.calls("userinfo"),
            provider.calls("token"),
            seconds(runStart),
            seconds(runStart.plus(run.elapsed()))));
    report.add(
        7,
        "Provider sign-ins per second over the memory run, " + settings.concurrency() + " users",
        run.perSecond(),
        "/s",
        "p50 " + millis(run.p50Millis()) + ", p99 " + millis(run.p99Millis()));
    long rss = server.residentKib();
    BenchServer.HeapReading heap = server.heapAfterFullGc();
    report.add(
        7,
        "Process RSS after " + count(settings.memorySignIns()) + " sign-ins",
        mib(rss),
        "MiB",
        "VmRSS of pid "
            + server.pid()
            + "; server JVM options "
            + String.join(" ", settings.serverJvmOptions())
            + "; RSS after the full GC "
            + Report.format(mib(server.residentKib()))
            + " MiB");
    report.add(
        7,
        "Heap used after a full GC",
        mib(heap.usedKib()),
        "MiB",
        "committed "
            + Report.format(mib(heap.committedKib()))
            + " MiB; "
            + heap.jcmdOutput().lines().skip(1).findFirst().orElse("").trim());
  }

  /** A run of the load driver whose failures, if any, are kept for the report. */
  private Load.Result load(String what, List<VirtualUser> runners, int iterations, Load.Step step) {
    return kept(what, runners, iterations, Load.run(runners, iterations, step));
  }

  /** {@link #load}'s bookkeeping, for a run of the load driver made elsewhere. */
  private Load.Result kept(
      String what, List<VirtualUser> runners, int iterations, Load.Result result) {
    if (result.failed() > 0) {
      failedIterations += result.failed();
      failures.merge(
          what + ", " + runners.size() + " user(s)",
          result.failed() + " of " + iterations + ", first: " + result.firstFailure(),
          (earlier, later) -> earlier + "; " + later);
    }
    return result;
  }

  // Helpers ------------------------------------------------------------------------------------

  private List<VirtualUser> newUsers(int count) {
    return IntStream.range(0, count).mapToObj(i -> new VirtualUser(server.baseUri())).toList();
  }

  private static double mib(long kib) {
    return kib / 1024.0;
  }

  private static String millis(double value) {
    return Report.format(value) + " ms";
  }

  private static String seconds(Duration duration) {
    return Report.format(duration.toMillis() / 1000.0) + " s";
  }

  private static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  private static void log(String message) {
    System.out.println("[bench " + Instant.now() + "] " + message);
  }
}
