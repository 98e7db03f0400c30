package io.latchkey.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Keycloak as the OpenID provider of the tests that must prove Latchkey against a real
 * provider (the project's own test provider is controllable but is not Keycloak): the unpacked
 * {@code keycloak-quarkus-dist}, started once per test JVM with the realm {@value #REALM} from
 * {@code server-config/keycloak/latchkey-demo-realm.json} and an in-memory database, so every run
 * starts from exactly that realm (users alice, bob, carol, dave and erin; client {@value
 * #CLIENT_ID}).
 *
 * <p>Keycloak listens on 127.0.0.1 only, and its issuer is pinned to {@link #issuer()} whatever
 * Host header a caller sends. Its output goes to {@code target/keycloak.log}. It is stopped
 * (SIGTERM to {@code kc.sh} and its Java process) when the test plan ends, or by a JVM shutdown
 * hook if the JVM ends first; a Keycloak left running by a killed test JVM is recorded in {@code
 * target/keycloak.pid} and stopped by the next start.
 *
 * <p>The first start after the distribution is unpacked includes Keycloak's build step (about a
 * minute on these machines); later starts take 15–20 s.
 *
 * <h2>Usage</h2>
 *
 * <pre>{@code
 * @ExtendWith(KeycloakServer.class)
 * class SomethingIT {
 *   // Configure Latchkey with KeycloakServer.issuer(), KeycloakServer.CLIENT_ID and
 *   // KeycloakServer.CLIENT_SECRET; its redirect URI must be <latchkey.it.baseUrl>/auth/callback.
 * }
 * }</pre>
 *
 * <p>Register it before any extension that needs the provider (Arquillian), or call {@link
 * #ensureStarted()} from code that is not a JUnit extension. System properties (Failsafe's {@code
 * systemPropertyVariables}):
 *
 * <ul>
 *   <li>{@code latchkey.keycloak.home}: the unpacked distribution (default {@code
 *       target/keycloak/keycloak-26.7.3});
 *   <li>{@code latchkey.keycloak.realm}: the realm file (default {@code
 *       server-config/keycloak/latchkey-demo-realm.json});
 *   <li>{@code latchkey.it.keycloakPort}: Keycloak's HTTP port (default 8180);
 *   <li>{@code latchkey.it.baseUrl}: Latchkey's base URL, from which the realm takes the client's
 *       redirect and post-logout redirect URIs (default {@code http://localhost:8080});
 *   <li>{@code latchkey.buildDir}: where the log and pid files go (default {@code target}).
 * </ul>
 */
public final class KeycloakServer implements BeforeAllCallback {

  public static final String REALM = "latchkey-demo";

  public static final String CLIENT_ID = "latchkey";

  /**
   * The secret of client {@value #CLIENT_ID}: a test fixture, not a secret. The realm file reads it
   * from the environment variable {@code LATCHKEY_DEMO_CLIENT_SECRET}, which this class sets.
   */
  public static final String CLIENT_SECRET = "latchkey-demo-client-secret-for-tests-only";

  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KeycloakServer.class);

  private static final String ADMIN_USERNAME = "admin-" + randomHex(4);
  private static final String ADMIN_PASSWORD = randomHex(16);

  private static final AtomicReference<Process> PROCESS = new AtomicReference<>();

  /** Why the first start failed: later test classes fail at once instead of waiting again. */
  private static RuntimeException startFailure;

  @Override
  public void beforeAll(ExtensionContext context) {
    ensureStarted();
    // Stops Keycloak when the whole test plan ends (the root store closes AutoCloseable values).
    context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(Stopper.class, key -> new Stopper(), Stopper.class);
  }

  /** Starts Keycloak unless this JVM already did; returns once the realm's discovery answers. */
  public static synchronized void ensureStarted() {
    if (PROCESS.get() != null) {
      return;
    }
    if (startFailure != null) {
      throw new IllegalStateException("Keycloak did not start earlier in this JVM", startFailure);
    }
    Path home =
        Path.of(System.getProperty("latchkey.keycloak.home", "target/keycloak/keycloak-26.7.3"));
    Path realm =
        Path.of(
            System.getProperty(
                "latchkey.keycloak.realm", "server-config/keycloak/latchkey-demo-realm.json"));
    Path buildDir = Path.of(System.getProperty("latchkey.buildDir", "target"));
    Path kcSh = home.resolve("bin").resolve("kc.sh");
    if (!Files.isExecutable(kcSh)) {
      throw new IllegalStateException(
          kcSh + " not found: unpack keycloak-quarkus-dist first (mvn pre-integration-test)");
    }
    Path pidFile = buildDir.resolve("keycloak.pid");
    Path log = buildDir.resolve("keycloak.log");
    try {
      Files.createDirectories(buildDir);
      stopStale(pidFile);
      requireFreePort(port());
      Path importDir = home.resolve("data").resolve("import");
      Files.createDirectories(importDir);
      Files.copy(
          realm, importDir.resolve(realm.getFileName()), StandardCopyOption.REPLACE_EXISTING);

      ProcessBuilder builder =
          new ProcessBuilder(
                  kcSh.toAbsolutePath().toString(),
                  "start-dev",
                  "--http-port",
                  String.valueOf(port()),
                  "--http-host",
                  "127.0.0.1",
                  "--hostname",
                  "http://localhost:" + port(),
                  "--import-realm",
                  "--db=dev-mem")
              .directory(home.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
      builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
      builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
      builder.environment().put("LATCHKEY_DEMO_CLIENT_SECRET", CLIENT_SECRET);
      builder.environment().put("LATCHKEY_BASE_URL", latchkeyBaseUrl());
      Instant started = Instant.now();
      Process process = builder.start();
      PROCESS.set(process);
      Runtime.getRuntime().addShutdownHook(new Thread(KeycloakServer::stop, "keycloak-stop"));
      writePids(process, pidFile);
      awaitDiscovery(process, log);
      writePids(process, pidFile);
      System.out.printf(
          "Keycloak ready at %s in %d s (log: %s)%n",
          issuer(), Duration.between(started, Instant.now()).toSeconds(), log);
    } catch (IOException e) {
      stop();
      startFailure = new UncheckedIOException(e);
      throw startFailure;
    } catch (RuntimeException e) {
      stop();
      startFailure = e;
      throw e;
    }
  }

  /** {@code http://localhost:<port>/realms/latchkey-demo}, the {@code iss} of every token. */
  public static String issuer() {
    return "http://localhost:" + port() + "/realms/" + REALM;
  }

  /** The realm's discovery document. */
  public static URI discoveryUri() {
    return URI.create(issuer() + "/.well-known/openid-configuration");
  }

  public static int port() {
    return Integer.parseInt(System.getProperty("latchkey.it.keycloakPort", "8180"));
  }

  /** The client secret of {@value #CLIENT_ID}; the same as {@link #CLIENT_SECRET}. */
  public static String clientSecret() {
    return CLIENT_SECRET;
  }

  /** Latchkey's base URL as the realm knows it (redirect URI = this + {@code /auth/callback}). */
  public static String latchkeyBaseUrl() {
    return System.getProperty("latchkey.it.baseUrl", "http://localhost:8080");
  }

  /** The bootstrap administrator of the master realm (random per run), for the admin REST API. */
  public static String adminUsername() {
    return ADMIN_USERNAME;
  }

  public static String adminPassword() {
    return ADMIN_PASSWORD;
  }

  /** Stops Keycloak (SIGTERM to kc.sh and its children, forcibly after 30 s); idempotent. */
  public static void stop() {
    Process process = PROCESS.getAndSet(null);
    if (process == null) {
      return;
    }
    terminate(process.toHandle());
    try {
      Files.deleteIfExists(
          Path.of(System.getProperty("latchkey.buildDir", "target"), "keycloak.pid"));
    } catch (IOException e) {
      // Only a leftover file: the next start checks the recorded processes before using them.
    }
  }

  private static void awaitDiscovery(Process process, Path log) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request =
        HttpRequest.newBuilder(discoveryUri()).timeout(Duration.ofSeconds(5)).GET().build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Keycloak exited with " + process.exitValue() + " before serving; see " + log);
      }
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"issuer\"")) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      ServerProcess.sleep(Duration.ofMillis(500));
    }
    throw new IllegalStateException(
        "Keycloak did not serve " + discoveryUri() + " within " + START_TIMEOUT + "; see " + log);
  }

  /** kc.sh's pid first, then its children's (the Java process), one a line. */
  private static void writePids(Process process, Path pidFile) throws IOException {
    List<String> pids = new ArrayList<>();
    pids.add(String.valueOf(process.pid()));
    process.descendants().forEach(child -> pids.add(String.valueOf(child.pid())));
    Files.write(pidFile, pids, StandardCharsets.UTF_8);
  }

  /** Stops a Keycloak that an earlier test JVM started and could not stop (it was killed). */
  private static void stopStale(Path pidFile) throws IOException {
    if (!Files.exists(pidFile)) {
      return;
    }
    for (String line : Files.readAllLines(pidFile, StandardCharsets.UTF_8)) {
      String pid = line.strip();
      if (pid.isEmpty()) {
        continue;
      }
      Optional<ProcessHandle> stale;
      try {
        stale = ProcessHandle.of(Long.parseLong(pid));
      } catch (NumberFormatException e) {
        continue;
      }
      // The pid may have been reused since: only stop it if it still is a Keycloak.
      stale
          .filter(ProcessHandle::isAlive)
          .filter(
              handle ->
                  handle
                      .info()
                      .commandLine()
                      .map(command -> command.toLowerCase(Locale.ROOT).contains("keycloak"))
                      .orElse(false))
          .ifPresent(
              handle -> {
                System.out.println("Stopping a stale Keycloak, pid " + handle.pid());
                terminate(handle);
              });
    }
    Files.delete(pidFile);
  }

  private static void terminate(ProcessHandle root) {
    List<ProcessHandle> tree = root.descendants().collect(Collectors.toCollection(ArrayList::new));
    tree.add(root);
    tree.forEach(ProcessHandle::destroy);
    Instant deadline = Instant.now().plus(STOP_TIMEOUT);
    for (ProcessHandle handle : tree) {
      try {
        long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
        handle.onExit().get(left, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        handle.destroyForcibly();
      }
    }
  }

  private static void requireFreePort(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new IllegalStateException(
          "Port "
              + port
              + " on 127.0.0.1 is taken (another Keycloak?); set latchkey.it.keycloakPort",
          e);
    }
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  /** Closed by JUnit with the root extension context, that is, when the test plan ends. */
  private static final class Stopper implements AutoCloseable {
    @Override
    public void close() {
      stop();
    }
  }
}
