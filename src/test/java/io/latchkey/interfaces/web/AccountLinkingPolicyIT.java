package io.latchkey.interfaces.web;

import static io.latchkey.testing.Flows.PASSWORD;
import static io.latchkey.testing.Flows.assertAt;
import static io.latchkey.testing.Flows.isSignedIn;
import static io.latchkey.testing.Flows.linkedAccount;
import static io.latchkey.testing.Flows.messagesOf;
import static io.latchkey.testing.Flows.person;
import static io.latchkey.testing.Flows.register;
import static io.latchkey.testing.Flows.signIn;
import static io.latchkey.testing.Flows.signInWithProvider;
import static io.latchkey.testing.Flows.uniqueEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.testing.Browser;
import io.latchkey.testing.Deployments;
import io.latchkey.testing.Flows;
import io.latchkey.testing.PayaraProcess;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.clock.ServerClock;
import io.latchkey.testing.provider.Login;
import io.latchkey.testing.provider.TestProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The linking settings a deployment can choose, on a server started with them, in the per-provider
 * variables ({@code LATCHKEY_PROVIDERS=testid}): {@code OIDC_TESTID_AUTO_LINK=verified-email},
 * {@code OIDC_TESTID_CLIENT_AUTH=client_secret_basic} (its provider accepts nothing else, and
 * promises RFC 9207's {@code iss}), and re-authentication windows of two seconds (instead of five
 * and fifteen minutes) so that a test can let a sign-in grow stale.
 */
@ExtendWith(TestDatabase.class)
class AccountLinkingPolicyIT {

  /** The shipped default windows: 5 minutes for owners, 15 for admins. */
  private static final Duration REAUTHENTICATE_AFTER = Duration.ofMinutes(5);

  private static final Duration ADMIN_REAUTHENTICATE_AFTER = Duration.ofMinutes(15);
  private static final String ADMIN =
      "policy-admin-" + java.util.UUID.randomUUID() + "@example.test";

  private static final int ATTEMPTS_PER_MINUTE = 25;

  private static final int SIGN_IN_STARTS_PER_MINUTE = 8;

  private static final int PENDING_SIGN_INS = 12;

  private static final String DEMO_ADMIN =
      "demo-admin-" + java.util.UUID.randomUUID() + "@example.test";

  private static TestProvider provider;
  private static PayaraProcess server;

  @RegisterExtension Browser browser = new Browser();

  @BeforeAll
  static void startServer() {
    int port = PayaraProcess.freePort();
    String baseUrl = "http://localhost:" + port;
    provider =
        TestProvider.start("latchkey-policy", "policy-client-secret", baseUrl + "/auth/callback");
    // A provider registered for client_secret_basic only, which promises RFC 9207's iss.
    provider.setTokenAuthMethods("client_secret_basic");
    provider.setNamesItselfInResponses(true);
    Map<String, String> environment = new java.util.HashMap<>();
    environment.put("LATCHKEY_BASE_URL", baseUrl);
    environment.put("LATCHKEY_DB_URL", System.getProperty("latchkey.it.dbUrl"));
    environment.put("LATCHKEY_ADMIN_EMAIL", ADMIN);
    environment.put("OIDC_TESTID_AUTO_LINK", "verified-email");
    environment.put("LATCHKEY_DEMO_ACCOUNTS", DEMO_ADMIN + ":Demo Admin:" + PASSWORD + ":admin");
    environment.put(
        "LATCHKEY_ATTEMPTS_PER_ADDRESS_PER_MINUTE", String.valueOf(ATTEMPTS_PER_MINUTE));
    environment.put(
        "LATCHKEY_SIGN_IN_STARTS_PER_ADDRESS_PER_MINUTE",
        String.valueOf(SIGN_IN_STARTS_PER_MINUTE));
    environment.put("LATCHKEY_PENDING_SIGN_INS", String.valueOf(PENDING_SIGN_INS));
    // The per-provider variables (the other servers use the single-provider OIDC_* ones).
    environment.put("LATCHKEY_PROVIDERS", "testid");
    environment.put("OIDC_TESTID_NAME", "TestID");
    environment.put("OIDC_TESTID_ISSUER", provider.issuer());
    environment.put("OIDC_TESTID_CLIENT_ID", "latchkey-policy");
    environment.put("OIDC_TESTID_CLIENT_SECRET", "policy-client-secret");
    environment.put("OIDC_TESTID_CLIENT_AUTH", "client_secret_basic");
    server = PayaraProcess.start(port, environment, Deployments.warWithMovableClock());
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
    if (provider != null) {
      provider.close();
    }
  }

  /** Latchkey's clock and the provider's auth_time move together; nobody sleeps. */
  private static void advanceClocks(Duration by) {
    ServerClock.advance(server.baseUrl().toString(), by);
    provider.advanceAuthTime(by);
  }

  @BeforeEach
  void openBrowser() {
    // Each test starts in a minute of its own: the per-address attempt window starts afresh.
    advanceClocks(Duration.ofSeconds(61));
    browser.at(server.baseUrl());
    provider.clearLogins();
  }

  @Test
  void aProviderForClientSecretBasicOnlyGetsTheSecretInTheHeaderAndItsIssuerPromiseHolds() {
    Login login = person("Basic Client");
    HtmlPage account = signInWithProvider(browser, provider, login);
    assertAt(account, "/account");
    TestProvider.TokenRequest request = provider.lastTokenRequest();
    assertEquals("client_secret_basic", request.clientAuthentication());
    assertFalse(request.form().containsKey("client_secret"), "no secret in the form");
    assertTrue(request.form().containsKey("code_verifier"), "PKCE as well");

    // The provider promised to name itself in every authorization response: one without iss
    // did not come from it.
    provider.setResponseIssuer("");
    try {
      Login unnamed = person("Unnamed Response");
      HtmlPage page = signInWithProvider(browser.another(), provider, unnamed);
      assertAt(page, "/sign-in-problem");
      assertEquals(List.of(), Flows.accountIds(unnamed.email()));
    } finally {
      provider.setResponseIssuer(null);
    }
  }

  @Test
  void autoLinkConnectsAVerifiedEmailAndRevokesThePasswordNobodyProved() {
    String email = uniqueEmail();
    Browser squatter = browser.another();
    register(squatter, email, "Pre-registered");
    signIn(squatter, email, PASSWORD);
    Login owner = person("Real Owner").withEmail(email);

    HtmlPage account = signInWithProvider(browser, provider, owner);
    assertAt(account, "/account");
    assertTrue(
        account
            .getElementById("notice")
            .getTextContent()
            .contains("linked to the existing account"));
    assertEquals(Flows.accountIds(email), linkedAccount(provider, owner));
    assertTrue(
        TestDatabase.value("SELECT password_hash FROM account WHERE email = ?", email).isEmpty(),
        "the password set before the email was proven is gone");
    assertFalse(isSignedIn(squatter), "the earlier session ended");
    assertTrue(messagesOf(signIn(squatter, email, PASSWORD)).contains("incorrect"));
    assertEquals(
        1,
        Flows.count(
            "SELECT COUNT(*) FROM audit_entry WHERE event_type = 'IDENTITY_LINKED'"
                + " AND target_email = ? AND detail LIKE '%auto-linked%'",
            email));
  }

  @Test
  void anUnverifiedEmailIsNeverAutoLinked() {
    String email = uniqueEmail();
    register(browser.another(), email, "Keeps Password");
    Login unverified = person("Unverified").withEmail(email).withEmailVerified(false);
    HtmlPage refused = signInWithProvider(browser, provider, unverified);
    assertAt(refused, "/sign-in-problem");
    assertEquals(0, linkedAccount(provider, unverified).size());
    assertTrue(
        TestDatabase.value("SELECT password_hash FROM account WHERE email = ?", email).isPresent());
  }

  @Test
  void aStaleSignInConfirmsThePasswordBeforeConnecting() {
    String email = uniqueEmail();
    register(browser, email, "Stale Connector");
    signIn(browser, email, PASSWORD);
    advanceClocks(REAUTHENTICATE_AFTER.plusSeconds(1));

    provider.enqueueLogin(person("Connected Later"));
    HtmlPage confirm = Flows.html(browser.click(browser.open("/account"), "link-provider"));
    assertAt(confirm, "/account/confirm");

    HtmlPage connected = browser.submit(confirm, "confirm", Map.of("password", PASSWORD), "submit");
    assertAt(connected, "/account");
    assertTrue(connected.getElementById("notice").getTextContent().contains("now linked"));
  }

  @Test
  void aProviderOnlyAccountConfirmsWithAFreshLoginAtTheProvider() {
    Login only = person("Provider Only");
    signInWithProvider(browser, provider, only);
    advanceClocks(REAUTHENTICATE_AFTER.plusSeconds(1));

    HtmlPage refused =
        browser.submit(
            "/account",
            "setPassword",
            Map.of(
                "newPassword", "a passphrase of mine", "newPasswordAgain", "a passphrase of mine"),
            "submit");
    assertAt(refused, "/account/confirm");
    assertTrue(messagesOf(refused).contains("confirm it is you first"), messagesOf(refused));

    provider.enqueueLogin(only);
    browser.followRedirects(false);
    browser.get(refused.getElementById("confirm-with-provider").getAttribute("href"));
    String authorize = browser.location();
    assertTrue(authorize.contains("prompt=login"), authorize);
    browser.followRedirects(true);
    assertAt(Flows.html(browser.getAbsolute(authorize)), "/account");

    HtmlPage set =
        browser.submit(
            "/account",
            "setPassword",
            Map.of(
                "newPassword", "a passphrase of mine", "newPasswordAgain", "a passphrase of mine"),
            "submit");
    assertTrue(messagesOf(set).contains("password has been set"), messagesOf(set));
  }

  @Test
  void anAdminWhoseSignInIsStaleConfirmsBeforeAnAction() {
    String email = uniqueEmail();
    register(browser.another(), email, "Action Target");
    String adminEmail = uniqueEmail();
    register(browser, adminEmail, "Policy Admin");
    TestDatabase.update(
        "INSERT INTO account_role (account_id, role_name) VALUES (?, 'ADMIN')",
        Flows.accountIds(adminEmail).get(0));
    signIn(browser, adminEmail, PASSWORD);
    advanceClocks(REAUTHENTICATE_AFTER.plusSeconds(1));
    assertAt(browser.open("/admin/users"), "/admin/users");
    advanceClocks(ADMIN_REAUTHENTICATE_AFTER.minus(REAUTHENTICATE_AFTER));

    long id = ((Number) Flows.accountIds(email).get(0)).longValue();
    HtmlPage user = browser.open("/admin/user?id=" + id);
    var disable =
        user.getAnchors().stream()
            .filter(a -> a.getHrefAttribute().contains("action=disable&"))
            .findFirst()
            .orElseThrow();
    HtmlPage action = Flows.html(browser.click(user, disable.getId()));
    HtmlPage confirm = browser.submit(action, "action", Map.of("reason", "stale admin"), "confirm");
    assertAt(confirm, "/account/confirm");
    assertEquals(
        "ACTIVE", TestDatabase.value("SELECT status FROM account WHERE id = ?", id).orElseThrow());

    assertAt(
        browser.submit(confirm, "confirm", Map.of("password", PASSWORD), "submit"), "/admin/users");
    HtmlPage again =
        Flows.html(browser.click(browser.open("/admin/user?id=" + id), disable.getId()));
    browser.submit(again, "action", Map.of("reason", "fresh admin"), "confirm");
    assertEquals(
        "DISABLED",
        TestDatabase.value("SELECT status FROM account WHERE id = ?", id).orElseThrow());
  }

  @Test
  void reauthenticatingAsAnotherIdentityIsRefused() {
    Login only = person("Owner");
    signInWithProvider(browser, provider, only);
    advanceClocks(REAUTHENTICATE_AFTER.plusSeconds(1));

    provider.enqueueLogin(person("Somebody Else"));
    HtmlPage page = Flows.html(browser.get("/auth/testid/reauthenticate?then=account"));
    assertAt(page, "/sign-in-problem");
    assertTrue(isSignedIn(browser), "still signed in as before");
    assertFalse(Flows.html(browser.open("/account")).asNormalizedText().contains("Somebody Else"));
  }

  // Admin bootstrap ------------------------------------------------------------------------

  /**
   * Registration proves no email: whoever registers the {@code LATCHKEY_ADMIN_EMAIL} address first
   * gets no admin role, and keeps nothing once the verified owner claims the account.
   */
  @Test
  void aSquatterOfTheAdminEmailGetsNothingAndTheVerifiedOwnerBecomesAdmin() {
    Browser squatter = browser.another();
    register(squatter, ADMIN, "Squatter");
    signIn(squatter, ADMIN, PASSWORD);
    Login squattersOwn = person("Squatter at Provider");
    assertAt(Flows.link(squatter, provider, squattersOwn), "/account");
    assertEquals(403, squatter.get("/admin/users").getWebResponse().getStatusCode());
    assertEquals(403, squatter.get("/admin").getWebResponse().getStatusCode());

    Login owner = person("Real Admin").withEmail(ADMIN);
    HtmlPage claimed = signInWithProvider(browser, provider, owner);
    assertAt(claimed, "/account");
    assertTrue(
        claimed.getElementById("identities-removed").getTextContent().contains("removed"),
        "the owner is told");
    assertEquals(200, browser.get("/admin/users").getWebResponse().getStatusCode());
    assertEquals(List.of(), linkedAccount(provider, squattersOwn), "the squatter's link is gone");
    assertFalse(isSignedIn(squatter), "the squatter's session ended");
    Browser again = squatter.another();
    signIn(again, ADMIN, PASSWORD);
    assertFalse(isSignedIn(again), "the squatter's password was revoked");
  }

  // The demo --------------------------------------------------------------------------------

  @Test
  void whileDemoAccountsExistEveryPageSaysSoAndTheDemoAdminIsAdmin() {
    for (String path : new String[] {"/", "/login", "/register", "/no-such-page"}) {
      assertTrue(
          Flows.html(browser.get(path)).getElementById("demo-banner") != null, "banner on " + path);
    }
    signIn(browser, DEMO_ADMIN, PASSWORD);
    assertEquals(200, browser.get("/admin/users").getWebResponse().getStatusCode());
    assertTrue(browser.open("/account").getElementById("demo-banner") != null);
  }

  // Sessions ---------------------------------------------------------------------------------

  /**
   * Nothing a session carries breaks replication: after every page of a provider sign-in, a
   * password sign-in that connects a provider identity (confirming the password on the way), and an
   * admin's tour of the console, every attribute of the session serializes.
   */
  @Test
  void everySessionAttributeSerializesThroughASignInALinkAndAnAdminTour() {
    assertAt(Flows.signInWithProvider(browser, provider, person("Touring")), "/account");
    assertSerializable(browser, "after a provider sign-in");
    for (String page : List.of("/", "/account", "/login")) {
      browser.open(page);
      assertSerializable(browser, page + ", signed in through the provider");
    }

    Browser linker = browser.another();
    String email = uniqueEmail();
    register(linker, email, "Touring Linker");
    assertAt(signIn(linker, email, PASSWORD), "/account");
    assertSerializable(linker, "after a password sign-in");
    advanceClocks(REAUTHENTICATE_AFTER.plusSeconds(1));
    provider.enqueueLogin(person("Touring Link"));
    HtmlPage confirm = Flows.html(linker.click(linker.open("/account"), "link-provider"));
    assertAt(confirm, "/account/confirm");
    assertSerializable(linker, "while a link waits for the password");
    assertAt(linker.submit(confirm, "confirm", Map.of("password", PASSWORD), "submit"), "/account");
    assertSerializable(linker, "after the link");

    Browser admin = browser.another();
    assertAt(signIn(admin, DEMO_ADMIN, PASSWORD), "/account");
    long id = Flows.accountId(email);
    for (String page : List.of("/admin", "/admin/users", "/admin/user?id=" + id, "/admin/audit")) {
      assertEquals(200, admin.open(page).getWebResponse().getStatusCode(), page);
      assertSerializable(admin, page);
    }
    Flows.adminActionPage(admin, id, "disable");
    assertSerializable(admin, "an admin's action page");
  }

  /**
   * Records of sessions past their idle limit go: at the session's next request, and for a session
   * that never comes back, by the periodic expiry (run here on demand); a live session's stays.
   */
  @Test
  void theRecordsOfExpiredSessionsGo() {
    String email = uniqueEmail();
    register(browser, email, "Expiring Sessions");
    Browser returning = browser.another();
    Browser gone = browser.another();
    signIn(returning, email, PASSWORD);
    signIn(gone, email, PASSWORD);
    assertEquals(2, Flows.sessionRecords(email));

    advanceClocks(Duration.ofMinutes(31)); // past the 30-minute idle limit
    Browser fresh = browser.another();
    signIn(fresh, email, PASSWORD);
    assertEquals(3, Flows.sessionRecords(email));
    assertTrue(returning.open("/account").getUrl().getPath().endsWith("/login"), "timed out");
    assertEquals(2, Flows.sessionRecords(email), "its record went with it");

    assertTrue(ServerClock.expireSessions(server.baseUrl().toString()) >= 1);
    assertEquals(1, Flows.sessionRecords(email), "the session that never came back");
    assertTrue(Flows.isSignedIn(fresh), "the live session carries on");
  }

  private static void assertSerializable(Browser who, String when) {
    String session = who.get("/bench/session-size").getWebResponse().getContentAsString();
    assertTrue(session.contains("\"session\":true"), when + ": " + session);
    assertTrue(session.contains("\"serializable\":true"), when + ": " + session);
    assertFalse(session.contains("\"error\""), when + ": " + session);
  }

  // Attempt limits ---------------------------------------------------------------------------

  /** Spraying passwords across accounts from one address is slowed, whatever the accounts. */
  @Test
  void oneAddressGetsAFixedNumberOfPasswordAttemptsAMinuteAcrossAllAccounts() {
    String email = uniqueEmail();
    register(browser, email, "Sprayed");
    for (int attempt = 1; attempt <= ATTEMPTS_PER_MINUTE; attempt++) {
      signIn(browser.another(), uniqueEmail(), "password for someone " + attempt);
    }
    HtmlPage refused = signIn(browser, email, PASSWORD);
    assertTrue(messagesOf(refused).contains("incorrect"), "the same message as any refusal");
    assertFalse(isSignedIn(browser), "even the right password, over the limit");
    assertEquals(1, TestDatabase.auditCount("SIGN_IN_REFUSED", email));

    advanceClocks(Duration.ofSeconds(61));
    signIn(browser, email, PASSWORD);
    assertTrue(isSignedIn(browser), "a new minute, new attempts");
  }

  /** A flood of sign-in starts from one address is slowed, and gets a page, not a session. */
  @Test
  void oneAddressStartsAFixedNumberOfProviderSignInsAMinute() {
    for (int start = 1; start <= SIGN_IN_STARTS_PER_MINUTE; start++) {
      Browser flood = browser.another().followRedirects(false);
      flood.get("/auth/testid");
      assertTrue(flood.location().startsWith(provider.issuer()), "start " + start + " admitted");
    }
    Browser refused = browser.another();
    HtmlPage page = Flows.html(refused.get("/auth/testid"));
    assertAt(page, "/sign-in-problem");
    assertTrue(page.getElementById("problem").getTextContent().contains("Too many sign-ins"));
    assertTrue(refused.cookie("JSESSIONID").isEmpty(), "a refused start keeps no session");

    advanceClocks(Duration.ofSeconds(61));
    assertAt(signInWithProvider(refused, provider, person("Patient")), "/account");
  }

  /**
   * However many addresses start sign-ins and leave them at the provider, at most {@code
   * LATCHKEY_PENDING_SIGN_INS} sessions wait for a callback; a completed sign-in makes room.
   */
  @Test
  void pendingSignInsAreBoundedInTotalAndACompletedOneMakesRoom() {
    List<Browser> waiting = new java.util.ArrayList<>();
    List<String> atProvider = new java.util.ArrayList<>();
    Browser refused = null;
    for (int start = 1; start <= PENDING_SIGN_INS + 1 && refused == null; start++) {
      if (start % SIGN_IN_STARTS_PER_MINUTE == 0) {
        advanceClocks(Duration.ofSeconds(61)); // stay under the per-address limit
      }
      Browser next = browser.another().followRedirects(false);
      next.get("/auth/testid");
      if (next.location().startsWith(provider.issuer())) {
        waiting.add(next);
        atProvider.add(next.location());
      } else {
        assertTrue(next.location().contains("reason=too-many-starts"), next.location());
        assertTrue(next.cookie("JSESSIONID").isEmpty(), "no session for a refused start");
        refused = next;
      }
    }
    assertTrue(refused != null, "the bound was reached within " + PENDING_SIGN_INS + " starts");

    // One waiting sign-in completes (its session is replaced by a signed-in one): room for one.
    provider.enqueueLogin(person("Completes"));
    assertAt(
        Flows.html(waiting.get(0).followRedirects(true).getAbsolute(atProvider.get(0))),
        "/account");
    advanceClocks(Duration.ofSeconds(61));
    refused.get("/auth/testid");
    assertTrue(refused.location().startsWith(provider.issuer()), refused.location());

    for (int i = 1; i < waiting.size(); i++) {
      provider.enqueueLogin(person("Completes " + i));
      waiting.get(i).followRedirects(true).getAbsolute(atProvider.get(i));
    }
    provider.enqueueLogin(person("Completes last"));
    refused.followRedirects(true).getAbsolute(refused.location());
  }

  /**
   * The start keeps nothing the client sent beyond the flow's needs: not its query, headers or
   * cookies (the mechanism would keep all of them in the session until the callback).
   */
  @Test
  void aSignInStartKeepsNothingOfWhatTheClientSent() {
    String junk = "x".repeat(2_500);
    Browser client = browser.another().followRedirects(false);
    client.addHeader("X-Junk", junk);
    client.get("/auth/testid?junk=" + junk + "&more=" + junk.substring(0, 1_000));
    String atProvider = client.location();
    assertTrue(atProvider.startsWith(provider.issuer()), atProvider);
    String session = client.get("/bench/session-size").getWebResponse().getContentAsString();
    assertTrue(session.contains("\"session\":true"), session);
    assertFalse(session.contains("-1"), "every attribute serializable: " + session);
    int total = Integer.parseInt(session.replaceAll(".*\"total\":(\\d+).*", "$1"));
    assertTrue(total < 4_000, "the pending sign-in costs " + total + " bytes: " + session);

    provider.enqueueLogin(person("Trimmed"));
    HtmlPage account = Flows.html(client.followRedirects(true).getAbsolute(atProvider));
    assertAt(account, "/account");
  }

  // Session limits, on the server's clock ----------------------------------------------------

  @Test
  void aSessionIdleForLongerThanThirtyMinutesEnds() {
    String email = uniqueEmail();
    register(browser, email, "Idle Person");
    signIn(browser, email, PASSWORD);

    advanceClocks(Duration.ofMinutes(29));
    assertTrue(isSignedIn(browser), "29 idle minutes are within the limit");
    advanceClocks(Duration.ofMinutes(29));
    assertTrue(isSignedIn(browser), "the last request counts, not the sign-in");
    advanceClocks(Duration.ofMinutes(31));
    assertFalse(isSignedIn(browser), "more than 30 idle minutes end the session");
    assertAt(browser.open("/account"), "/login");
  }

  @Test
  void anActiveSessionEndsTwelveHoursAfterItsSignIn() {
    String email = uniqueEmail();
    register(browser, email, "Busy Person");
    signIn(browser, email, PASSWORD);

    Duration active = Duration.ZERO;
    while (active.compareTo(Duration.ofHours(12).minusMinutes(25)) < 0) {
      advanceClocks(Duration.ofMinutes(25));
      active = active.plusMinutes(25);
      assertTrue(isSignedIn(browser), "still signed in after " + active);
    }
    advanceClocks(Duration.ofHours(12).minus(active).plusMinutes(1));
    assertFalse(isSignedIn(browser), "12 hours after the sign-in, however active");
  }

  @Test
  void aPausedSignInResumesWhenThePauseIsOver() {
    String email = uniqueEmail();
    register(browser, email, "Forgetful Person");
    for (int attempt = 1; attempt <= 5; attempt++) {
      signIn(browser, email, "not the password " + attempt);
    }
    signIn(browser, email, PASSWORD);
    assertFalse(isSignedIn(browser), "the right password is refused during the pause");

    advanceClocks(Duration.ofMinutes(15).plusSeconds(1));
    signIn(browser, email, PASSWORD);
    assertTrue(isSignedIn(browser), "the pause is over");
  }
}
