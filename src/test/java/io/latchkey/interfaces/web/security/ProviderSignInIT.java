package io.latchkey.interfaces.web.security;

import static io.latchkey.testing.Flows.isSignedIn;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.testing.Browser;
import io.latchkey.testing.Deployments;
import io.latchkey.testing.Flows;
import io.latchkey.testing.ItProvider;
import io.latchkey.testing.ItServer;
import io.latchkey.testing.OperatorMetricsScrape;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.provider.Hostility;
import io.latchkey.testing.provider.Login;
import io.latchkey.testing.provider.TestProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlPage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * "Continue with …" end to end: the packaged WAR on Payara Micro, the standard OpenID mechanism,
 * and the project's controllable provider, which issues good tokens with chosen claims and hostile
 * ones. The browser is HtmlUnit, following the redirects with its own cookie jar.
 */
@ExtendWith({TestDatabase.class, ItProvider.class, ArquillianExtension.class})
@RunAsClient
class ProviderSignInIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.packagedWar();
  }

  @RegisterExtension Browser browser = new Browser();

  private final TestProvider provider = ItProvider.provider();

  @BeforeEach
  void openBrowser() {
    browser.at(ItServer.url());
    provider.clearLogins();
    provider.setJwksAvailable(true);
  }

  // Sign-in and registration ------------------------------------------------------------------

  @Test
  void theFirstSignInRegistersTheAccountAndTheNextOneFindsIt() {
    Login login =
        person("Grace Hopper")
            .withClaim("roles", List.of("admin"))
            .withClaim("groups", List.of("admin"));
    HtmlPage account = signInWithProvider(browser, login);

    assertTrue(account.getUrl().getPath().endsWith("/account"), account.getUrl().toString());
    assertNull(account.getUrl().getQuery(), "no code or state left in the URL");
    assertEquals(login.email(), account.getElementById("email").getTextContent());
    assertEquals("Grace Hopper", account.getElementById("displayName").getTextContent());
    assertTrue(
        account.getElementById("methods").getTextContent().contains("TestID · " + login.email()),
        "the identity by provider name and email");

    long accountId = accountIdOf(login.email());
    assertEquals(List.of(accountId), accountsLinkedWithVerifiedProfile(login, "Grace Hopper"));
    assertEquals(1, TestDatabase.auditCount("ACCOUNT_REGISTERED", login.email()));
    assertEquals(1, TestDatabase.auditCount("IDENTITY_LINKED", login.email()));

    assertEquals(
        403, browser.get("/admin").getWebResponse().getStatusCode(), "roles claim ignored");

    signOut(browser);
    assertTrue(signInWithProvider(browser, login).getUrl().getPath().endsWith("/account"));
    assertEquals(List.of(accountId), accountIds(login.email()), "the same account, not a new one");
    assertEquals(2, TestDatabase.auditCount("SIGN_IN_SUCCEEDED", login.email()));
  }

  @Test
  void signInGetsANewSessionIdAndSignOutStaysAtLatchkey() {
    Login login = person("Session Check");
    signInWithProvider(browser, login);
    // The first session is the one the start made for the flow; the signed-in one is another.
    String before =
        browser.setCookieHeaders().stream()
            .filter(h -> h.startsWith("JSESSIONID="))
            .findFirst()
            .orElseThrow()
            .split("[=;]")[1];
    String after = browser.cookie("JSESSIONID").orElseThrow().getValue();
    assertNotEquals(before, after);

    int authorizeCalls = provider.calls("authorize");
    HtmlPage signedOut = signOut(browser);
    assertTrue(signedOut.getUrl().toString().startsWith(ItServer.baseUrl() + "/login"));
    assertEquals(authorizeCalls, provider.calls("authorize"), "not bounced to the provider");
    assertTrue(browser.open("/account").getUrl().getPath().endsWith("/login"));
  }

  @Test
  void anUnverifiedEmailNeverMatchesAnExistingAccount() {
    String email = uniqueEmail();
    registerWithPassword(email);
    Login unverified = person("Not Verified").withEmail(email).withEmailVerified(false);

    HtmlPage refused = signInWithProvider(browser, unverified);
    assertProblem(refused, "has not confirmed that this email address is yours");
    String text = refused.getElementById("problem").getTextContent();
    assertFalse(text.contains("account already") || text.contains("uses it"), "no hint: " + text);
    assertEquals(0, linkCount(unverified));
    assertTrue(browser.open("/account").getUrl().getPath().endsWith("/login"), "no session");

    Login absent = person("No Claim").withEmail(email).withEmailVerified(null);
    assertProblem(signInWithProvider(browser, absent), "has not confirmed");
    assertEquals(0, linkCount(absent));
  }

  @Test
  void aVerifiedEmailOfAnExistingAccountIsNotLinkedSilently() {
    String email = uniqueEmail();
    registerWithPassword(email);
    Login verified = person("Same Email").withEmail(email);

    HtmlPage link = signInWithProvider(browser, verified);
    assertTrue(link.getUrl().getPath().endsWith("/link"), link.getUrl().toString());
    assertTrue(link.getElementById("link-explanation").getTextContent().contains(email));
    assertEquals(0, linkCount(verified), "nothing linked before the owner confirms");
    assertEquals(1, accountIds(email).size());
    assertTrue(browser.open("/account").getUrl().getPath().endsWith("/login"), "not signed in");
  }

  @Test
  void anUnverifiedEmailThatNoAccountUsesIsNotGivenToTheNewAccount() {
    Login unverified = person("Fresh Unverified").withEmailVerified(false);
    HtmlPage account = signInWithProvider(browser, unverified);
    assertTrue(account.getUrl().getPath().endsWith("/account"));
    assertEquals(0, accountIds(unverified.email()).size(), "the account has no email");
    assertEquals(
        List.of(false),
        TestDatabase.column(
            "SELECT email_verified FROM linked_identity WHERE subject = ?", unverified.subject()));
  }

  @Test
  void aDisabledAccountCannotSignInThroughTheProvider() {
    Login login = person("Soon Disabled");
    signInWithProvider(browser, login);
    signOut(browser);
    TestDatabase.update("UPDATE account SET status = 'DISABLED' WHERE email = ?", login.email());

    assertProblem(signInWithProvider(browser, login), "disabled");
    assertTrue(browser.open("/account").getUrl().getPath().endsWith("/login"));
  }

  /**
   * A double click or several tabs completing the first sign-in of one new identity at the same
   * moment: one account, and every tab signed in to it (none sent to /link for the account its own
   * identity just created). Four callbacks are released together by a barrier, five rounds.
   */
  /**
   * Two tabs of one browser (one session) send the same callback at the same moment: one signs in,
   * the other gets the failure page (the state is single-use), nobody gets an HTTP 500, and the
   * loser's answer leaves the winner's session alone.
   */
  @Test
  void twoSimultaneousUsesOfOneCallbackSignInOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 4; round++) {
        Login login = person("Double Callback " + round);
        Browser first = browser.another().followRedirects(false);
        String callback = callbackUrl(first, login);
        Browser second = browser.another().followRedirects(false);
        second.cookies().addCookie(first.cookie("JSESSIONID").orElseThrow());
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<Page>> answers = new ArrayList<>();
        for (Browser tab : List.of(first, second)) {
          answers.add(
              pool.submit(
                  () -> {
                    together.await(10, TimeUnit.SECONDS);
                    return tab.getAbsolute(callback);
                  }));
        }
        List<String> locations = new ArrayList<>();
        for (Future<Page> answer : answers) {
          Page page = answer.get(30, TimeUnit.SECONDS);
          assertEquals(302, page.getWebResponse().getStatusCode(), "round " + round);
          locations.add(page.getWebResponse().getResponseHeaderValue("Location"));
        }
        assertEquals(
            1,
            locations.stream().filter(l -> l.endsWith("/account")).count(),
            locations.toString());
        assertEquals(
            1,
            locations.stream().filter(l -> l.contains("/sign-in-problem")).count(),
            locations.toString());
        Browser winner = locations.get(0).endsWith("/account") ? first : second;
        assertTrue(isSignedIn(winner.followRedirects(true)), "round " + round);
        assertEquals(1, accountIds(login.email()).size(), "round " + round);
        assertEquals(1, linkCount(login), "round " + round);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentFirstSignInsOfOneIdentityMakeOneAccountAndSignEveryTabIn() throws Exception {
    int tabs = 4;
    ExecutorService pool = Executors.newFixedThreadPool(tabs);
    try {
      for (int round = 0; round < 5; round++) {
        Login login = person("Many Tabs " + round);
        List<Browser> browsers = new ArrayList<>();
        List<String> callbacks = new ArrayList<>();
        for (int i = 0; i < tabs; i++) {
          Browser tab = browser.another().followRedirects(false);
          browsers.add(tab);
          callbacks.add(callbackUrl(tab, login));
        }
        CyclicBarrier together = new CyclicBarrier(tabs);
        List<Future<Page>> pages = new ArrayList<>();
        for (int i = 0; i < tabs; i++) {
          Browser tab = browsers.get(i);
          String callback = callbacks.get(i);
          pages.add(
              pool.submit(
                  () -> {
                    together.await(10, TimeUnit.SECONDS);
                    return tab.getAbsolute(callback);
                  }));
        }
        for (int i = 0; i < tabs; i++) {
          Page page = pages.get(i).get(30, TimeUnit.SECONDS);
          assertEquals(302, page.getWebResponse().getStatusCode(), "round " + round + " tab " + i);
          String location = page.getWebResponse().getResponseHeaderValue("Location");
          assertTrue(
              location.endsWith("/account"), "round " + round + " tab " + i + ": " + location);
          assertTrue(
              isSignedIn(browsers.get(i).followRedirects(true)), "round " + round + " tab " + i);
        }
        assertEquals(1, accountIds(login.email()).size(), "round " + round);
        assertEquals(1, linkCount(login), "round " + round);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // Protocol safety ---------------------------------------------------------------------------

  @Test
  void hostileTokensAndTokenResponsesGetAFriendlyPageAndNoSession() {
    List<Hostility> cases =
        List.of(
            Hostility.WRONG_KEY,
            Hostility.ALG_NONE,
            Hostility.HS256_WITH_CLIENT_SECRET,
            Hostility.WRONG_ISSUER,
            Hostility.WRONG_AUDIENCE,
            Hostility.EXTRA_AUDIENCE,
            Hostility.WRONG_AZP,
            Hostility.EXPIRED,
            Hostility.WRONG_NONCE,
            Hostility.MISSING_SUB,
            Hostility.TOKEN_ENDPOINT_500,
            Hostility.TOKEN_ENDPOINT_HTML);
    List<Executable> checks = new ArrayList<>();
    for (Hostility hostility : cases) {
      Login login = person("Hostile " + hostility).withHostility(hostility);
      Browser victim = browser.another();
      HtmlPage page = signInWithProvider(victim, login);
      checks.add(() -> assertFailurePage(page, victim, login, hostility.name()));
    }
    assertAll(checks);
  }

  // Operator metrics ----------------------------------------------------------------------------

  @Test
  void operatorMetricsCountSignInsProviderCallsAndSessionsBehindTheirToken() {
    assertEquals(401, OperatorMetricsScrape.read(null).status());
    OperatorMetricsScrape wrong = OperatorMetricsScrape.read("Bearer not-the-token");
    assertEquals(401, wrong.status());
    assertFalse(wrong.body().contains("latchkey_"), "no numbers without the token");

    OperatorMetricsScrape before = OperatorMetricsScrape.read();
    signInWithProvider(browser, person("Metrics Reader"));
    OperatorMetricsScrape signedIn = OperatorMetricsScrape.read();
    Browser other = browser.another();
    Login refused = person("Metrics Refused").withHostility(Hostility.TOKEN_ENDPOINT_500);
    assertFailurePage(signInWithProvider(other, refused), other, refused, "token endpoint 500");
    signOut(browser);
    OperatorMetricsScrape after = OperatorMetricsScrape.read();

    assertAll(
        () -> assertGrew(1, before, signedIn, "latchkey_sign_ins_total", SUCCEEDED),
        () -> assertGrew(1, before, signedIn, "latchkey_sign_in_seconds_count", SIGNED_IN),
        () -> assertGrew(1, before, signedIn, "latchkey_provider_call_seconds_count", OK),
        () -> assertGrew(1, before, signedIn, SIGNED_IN_SESSIONS),
        () -> assertGrew(1, signedIn, after, "latchkey_sign_ins_total", FAILED),
        () -> assertGrew(1, signedIn, after, "latchkey_sign_in_seconds_count", REFUSED),
        () -> assertGrew(1, signedIn, after, "latchkey_provider_call_seconds_count", ERROR),
        () -> assertGrew(-1, signedIn, after, SIGNED_IN_SESSIONS),
        () -> assertTrue(after.value("jvm_memory_used_bytes") > 0, "the JVM's numbers too"));
  }

  private static final String SIGNED_IN_SESSIONS = "latchkey_sessions_signed_in";
  private static final String[] SUCCEEDED = {"method", "testid", "outcome", "succeeded"};
  // A failed exchange is counted before the token named its issuer: any method.
  private static final String[] FAILED = {"outcome", "failed"};
  private static final String[] SIGNED_IN = {"method", "testid", "outcome", "signed-in"};
  private static final String[] REFUSED = {"method", "testid", "outcome", "not-signed-in"};
  private static final String[] OK = {"endpoint", "token", "outcome", "ok"};
  private static final String[] ERROR = {"endpoint", "token", "outcome", "error"};

  private static void assertGrew(
      long by,
      OperatorMetricsScrape from,
      OperatorMetricsScrape to,
      String name,
      String... labels) {
    assertEquals(
        by,
        Math.round(to.value(name, labels) - from.value(name, labels)),
        name + " " + String.join(",", labels));
  }

  @Test
  void cancellingAtTheProviderSaysSo() {
    Login login = person("Changed Mind").withHostility(Hostility.DENY);
    HtmlPage page = signInWithProvider(browser, login);
    assertProblem(page, "You cancelled the sign-in at TestID");
    assertFalse(page.getUrl().toString().contains("code="), "no code in the URL");
    assertTrue(browser.open("/account").getUrl().getPath().endsWith("/login"));
    assertEquals(0, accountIds(login.email()).size());
  }

  @Test
  void aHangingTokenEndpointGivesAnErrorPageWithinTheTimeout() {
    provider.setHangDuration(Duration.ofSeconds(60));
    Login login = person("Patient").withHostility(Hostility.TOKEN_ENDPOINT_HANG);
    Instant start = Instant.now();
    HtmlPage page = signInWithProvider(browser, login);
    Duration waited = Duration.between(start, Instant.now());
    assertFailurePage(page, browser, login, "hang");
    assertTrue(waited.compareTo(Duration.ofSeconds(15)) < 0, "waited " + waited);
  }

  @Test
  void aCallbackCannotBeReplayedOrUsedFromAnotherBrowser() {
    Login login = person("Replay Target");
    Browser owner = browser.another().followRedirects(false);
    String callback = callbackUrl(owner, login);

    Browser attacker = browser.another();
    Page stolen = attacker.getAbsolute(callback);
    assertTrue(stolen.getUrl().getPath().endsWith("/sign-in-problem"), stolen.getUrl().toString());
    assertTrue(attacker.open("/account").getUrl().getPath().endsWith("/login"));

    owner.followRedirects(true);
    assertTrue(owner.getAbsolute(callback).getUrl().getPath().endsWith("/account"), "first use");
    signOut(owner);
    Page replayed = owner.getAbsolute(callback);
    assertTrue(replayed.getUrl().getPath().endsWith("/sign-in-problem"), "state is single-use");
  }

  @Test
  void inSteadyStateASignInCostsOneTokenCallAndKeysRotateWithoutRestart() {
    signInWithProvider(browser.another(), person("Warm Up"));
    provider.resetCounts();
    for (int i = 0; i < 3; i++) {
      assertTrue(
          signInWithProvider(browser.another(), person("Steady " + i))
              .getUrl()
              .getPath()
              .endsWith("/account"));
    }
    assertEquals(3, provider.calls("token"));
    assertEquals(0, provider.calls("discovery"));
    assertEquals(0, provider.calls("jwks"));
    assertEquals(0, provider.calls("userinfo"));

    provider.rotateKeys();
    assertTrue(
        signInWithProvider(browser.another(), person("After Rotation"))
            .getUrl()
            .getPath()
            .endsWith("/account"),
        "a new kid is fetched from the JWKS at once");
    assertEquals(1, provider.calls("jwks"));
  }

  // The provider protocol around the standard mechanism: PKCE, userinfo, RFC 9207 -------------

  @Test
  void everyCodeExchangeCarriesTheVerifierOfItsFlowsChallenge() {
    provider.setPkceRequired(true);
    try {
      Login login = person("Proof Key");
      HtmlPage account = signInWithProvider(browser, login);
      // The provider refuses an authorization request without an S256 challenge, and a code
      // exchange whose verifier does not hash to it: reaching the account proves both.
      assertTrue(account.getUrl().getPath().endsWith("/account"), account.getUrl().toString());
      String verifier = provider.lastTokenRequest().form().get("code_verifier");
      assertNotNull(verifier, "the token request carries the verifier");
      assertTrue(verifier.matches("[A-Za-z0-9_-]{43,128}"), verifier);
      assertEquals("client_secret_post", provider.lastTokenRequest().clientAuthentication());

      signOut(browser);
      signInWithProvider(browser, login);
      assertNotEquals(
          verifier, provider.lastTokenRequest().form().get("code_verifier"), "a verifier per flow");
    } finally {
      provider.setPkceRequired(false);
    }
  }

  @Test
  void aProviderThatKeepsTheProfileAtUserinfoIsAskedOnceAndItsClaimsCountTheSame() {
    Login login = person("Userinfo Person").withHostility(Hostility.PROFILE_ONLY_AT_USERINFO);
    signInWithProvider(browser.another(), person("Warm Up"));
    provider.resetCounts();
    HtmlPage account = signInWithProvider(browser, login);
    assertTrue(account.getUrl().getPath().endsWith("/account"), account.getUrl().toString());
    assertEquals(login.email(), account.getElementById("email").getTextContent());
    assertEquals(
        List.of(accountIdOf(login.email())),
        accountsLinkedWithVerifiedProfile(login, "Userinfo Person"));
    assertEquals(1, provider.calls("token"));
    assertEquals(1, provider.calls("userinfo"), "one userinfo call");

    // Verified at userinfo, it is held to the same rule: an existing account's owner confirms.
    String email = uniqueEmail();
    registerWithPassword(email);
    HtmlPage link =
        signInWithProvider(
            browser.another(),
            person("Userinfo Owner")
                .withEmail(email)
                .withHostility(Hostility.PROFILE_ONLY_AT_USERINFO));
    assertTrue(link.getUrl().getPath().endsWith("/link"), link.getUrl().toString());
  }

  @Test
  void aUserinfoResponseAboutAnotherSubjectIsRefused() {
    Login login = person("Substituted").withHostility(Hostility.USERINFO_OTHER_SUBJECT);
    assertFailurePage(signInWithProvider(browser, login), browser, login, "userinfo sub");
  }

  @Test
  void anAuthorizationResponseNamingAnotherIssuerIsRefusedBeforeAnyCodeExchange() {
    provider.setResponseIssuer("http://evil.example.test");
    try {
      provider.resetCounts();
      Login login = person("Mixed Up");
      assertFailurePage(signInWithProvider(browser, login), browser, login, "RFC 9207 iss");
      assertEquals(0, provider.calls("token"), "the code was not sent anywhere");
      // (Its discovery document is left alone: what it promises is cached for a minute.)
      provider.setResponseIssuer(provider.issuer());
      HtmlPage account = signInWithProvider(browser, person("Named Issuer"));
      assertTrue(account.getUrl().getPath().endsWith("/account"), "its own iss is accepted");
    } finally {
      provider.setResponseIssuer(null);
    }
  }

  @Test
  void anUnreachableJwksGivesAFriendlyPage() {
    provider.rotateKeys();
    provider.setJwksAvailable(false);
    Login login = person("No Keys");
    HtmlPage page = signInWithProvider(browser, login);
    provider.setJwksAvailable(true);
    assertFailurePage(page, browser, login, "jwks");
  }

  @Test
  void theRedirectUriComesFromConfigurationNotFromTheHostHeader() throws Exception {
    String port = ItServer.baseUrl().substring(ItServer.baseUrl().lastIndexOf(':') + 1);
    try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(port))) {
      OutputStream out = socket.getOutputStream();
      out.write(
          "GET /auth/testid HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String location =
          in.lines()
              .filter(line -> line.toLowerCase().startsWith("location:"))
              .findFirst()
              .orElseThrow();
      assertTrue(location.contains(provider.issuer() + "/authorize"), location);
      String expected =
          java.net.URLEncoder.encode(ItServer.baseUrl() + "/auth/callback", StandardCharsets.UTF_8);
      assertTrue(location.contains("redirect_uri=" + expected), location);
      assertFalse(location.contains("evil.example"), location);
    }
  }

  @Test
  void healthReportsTheProviderAsReachableAndConsistent() {
    String health = browser.getAbsolute(ItServer.healthUrl()).getWebResponse().getContentAsString();
    assertTrue(health.contains("\"openid-provider\""), health);
    assertTrue(health.matches("(?s).*\"reachable\":\"?true.*"), health);
    assertFalse(health.contains("\"DOWN\""), health);
    assertFalse(health.contains(provider.issuer()), "no issuer for the public: " + health);
  }

  @Test
  void unknownProviderPathsAreNotFound() {
    assertEquals(404, browser.get("/auth/nobody").getWebResponse().getStatusCode());
  }

  // Helpers -----------------------------------------------------------------------------------

  private Login person(String name) {
    return Flows.person(name);
  }

  // Back-channel logout -------------------------------------------------------------------------

  @Test
  void theProvidersBackChannelLogoutEndsExactlyTheSessionsItNamesOnce() throws Exception {
    String sid = "sid-" + UUID.randomUUID();
    Login login = person("Back Channel").withClaim("sid", sid);
    Browser laptop = browser;
    Browser phone = browser.another();
    signInWithProvider(laptop, login);
    signInWithProvider(phone, login.withClaim("sid", sid + "-phone"));
    String subject = login.subject();
    assertEquals(
        List.of(sid),
        TestDatabase.column(
            "SELECT r.provider_sid FROM session_record r JOIN account a ON a.id = r.account_id"
                + " WHERE a.email = ? AND r.provider_sid = ?",
            login.email(),
            sid),
        "the id_token's sid is recorded with the session");

    // Not a valid logout token of this provider for this client: 400, and nothing changes.
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("another issuer", provider.logoutToken(subject, sid, Map.of("iss", "http://evil")));
    refused.put("another audience", provider.logoutToken(subject, sid, Map.of("aud", "other")));
    refused.put(
        "too old",
        provider.logoutToken(
            subject, sid, Map.of("iat", Instant.now().minusSeconds(600).getEpochSecond())));
    refused.put(
        "from the future",
        provider.logoutToken(
            subject, sid, Map.of("iat", Instant.now().plusSeconds(600).getEpochSecond())));
    refused.put("no event", provider.logoutToken(subject, sid, Map.of("events", Map.of())));
    refused.put("a nonce", provider.logoutToken(subject, sid, Map.of("nonce", "n")));
    refused.put(
        "no jti",
        provider.logoutToken(subject, sid, java.util.Collections.singletonMap("jti", null)));
    refused.put("neither sub nor sid", provider.logoutToken(null, null, Map.of()));
    refused.put("an unknown key", provider.logoutTokenWithUnknownKey(subject, sid));
    refused.put("alg none", unsigned(provider.logoutToken(subject, sid, Map.of())));
    refused.put("garbage", "not.a.token");
    refused.put("empty", "");
    for (Map.Entry<String, String> token : refused.entrySet()) {
      HttpResponse<String> answer = backChannelLogout("testid", token.getValue());
      assertEquals(400, answer.statusCode(), token.getKey() + ": " + answer.body());
      assertEquals("{\"error\":\"invalid_request\"}", answer.body(), token.getKey());
      assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElse(""));
    }
    assertEquals(
        404,
        backChannelLogout("another", provider.logoutToken(subject, sid, Map.of())).statusCode());
    assertTrue(isSignedIn(laptop) && isSignedIn(phone), "nothing was ended");
    assertEquals(0, TestDatabase.auditCount("SIGNED_OUT_BY_PROVIDER", login.email()));

    // The provider ended its session sid: exactly that Latchkey session ends, once.
    String valid = provider.logoutToken(subject, sid, Map.of());
    assertEquals(200, backChannelLogout("testid", valid).statusCode());
    assertFalse(isSignedIn(laptop), "signed out at its next request");
    assertTrue(isSignedIn(phone), "the provider's other session carries on");
    assertEquals(1, TestDatabase.auditCount("SIGNED_OUT_BY_PROVIDER", login.email()));
    assertEquals(400, backChannelLogout("testid", valid).statusCode(), "a replay does nothing");

    // Every session of the subject, when the token names no session.
    assertEquals(
        200,
        backChannelLogout("testid", provider.logoutToken(subject, null, Map.of())).statusCode());
    assertFalse(isSignedIn(phone));
    assertEquals(2, TestDatabase.auditCount("SIGNED_OUT_BY_PROVIDER", login.email()));
    assertEquals(
        405,
        browser.get("/backchannel-logout/testid").getWebResponse().getStatusCode(),
        "only POST");
  }

  private static HttpResponse<String> backChannelLogout(String providerId, String token)
      throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    ItServer.url().toURI().resolve("backchannel-logout/" + providerId))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** The same claims with {@code alg=none} and no signature. */
  private static String unsigned(String token) {
    String header =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
    return header + "." + token.split("\\.")[1] + ".";
  }

  private HtmlPage signInWithProvider(Browser browser, Login login) {
    return Flows.signInWithProvider(browser, provider, login);
  }

  /** Steps a browser (not following redirects) to the provider's redirect back to Latchkey. */
  private String callbackUrl(Browser tab, Login login) {
    provider.enqueueLogin(login);
    tab.get("/auth/testid");
    String authorize = tab.location();
    tab.getAbsolute(authorize);
    String callback = tab.location();
    assertTrue(callback.startsWith(ItServer.baseUrl() + "/auth/callback?"), callback);
    return callback;
  }

  private void assertFailurePage(HtmlPage page, Browser who, Login login, String label) {
    assertEquals(200, page.getWebResponse().getStatusCode(), label);
    assertTrue(page.getUrl().getPath().endsWith("/sign-in-problem"), label + ": " + page.getUrl());
    assertFalse(page.getUrl().toString().contains("code="), label);
    assertFalse(page.asNormalizedText().contains("eyJ"), label + ": no token in the page");
    var supportId = page.getElementById("support-id");
    assertNotNull(supportId, label + ": support id shown");
    String id = supportId.getTextContent().replaceAll(".*([A-Z2-9]{8}).*", "$1").strip();
    assertEquals(
        1L,
        TestDatabase.value(
                "SELECT COUNT(*) FROM audit_entry WHERE event_type = 'SIGN_IN_FAILED'"
                    + " AND detail LIKE ?",
                "%" + id + "%")
            .map(n -> ((Number) n).longValue())
            .orElseThrow(),
        label + ": audited with its support id");
    assertEquals(0, accountIds(login.email()).size(), label + ": no account");
    assertEquals(0, linkCount(login), label + ": no link");
    assertTrue(who.open("/account").getUrl().getPath().endsWith("/login"), label + ": no session");
  }

  private static void assertProblem(HtmlPage page, String text) {
    assertEquals(200, page.getWebResponse().getStatusCode());
    assertTrue(page.getUrl().getPath().endsWith("/sign-in-problem"), page.getUrl().toString());
    String problem = page.getElementById("problem").getTextContent();
    assertTrue(problem.contains(text), problem);
  }

  private void registerWithPassword(String email) {
    Flows.register(browser.another(), email, "Password Owner");
  }

  private static HtmlPage signOut(Browser browser) {
    return Flows.signOut(browser);
  }

  private long linkCount(Login login) {
    return Flows.linkedAccount(provider, login).size();
  }

  /** The accounts the login's identity is linked to, with its verified email and this name. */
  private List<Object> accountsLinkedWithVerifiedProfile(Login login, String name) {
    return TestDatabase.column(
        "SELECT account_id FROM linked_identity WHERE issuer = ? AND subject = ?"
            + " AND email_at_link = ? AND email_verified = TRUE AND name = ?",
        provider.issuer(),
        login.subject(),
        login.email(),
        name);
  }

  private static List<Object> accountIds(String email) {
    return Flows.accountIds(email);
  }

  private static long accountIdOf(String email) {
    return ((Number) accountIds(email).get(0)).longValue();
  }

  private static String uniqueEmail() {
    return Flows.uniqueEmail();
  }
}
