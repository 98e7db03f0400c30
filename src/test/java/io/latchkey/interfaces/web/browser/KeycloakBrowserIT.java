package io.latchkey.interfaces.web.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.application.TokenVault;
import io.latchkey.domain.SealedToken;
import io.latchkey.testing.Chromium;
import io.latchkey.testing.Chromium.Window;
import io.latchkey.testing.DriveStandIn;
import io.latchkey.testing.Flows;
import io.latchkey.testing.KeycloakServer;
import io.latchkey.testing.PayaraProcess;
import io.latchkey.testing.Seeds;
import io.latchkey.testing.TestDatabase;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Latchkey as people use it: Debian's Chromium on the real pages, and Keycloak as the provider with
 * its real login and consent pages (demo realm, {@code server-config/keycloak}). The server is
 * started like the README's demo, with sign-out at the provider on. Every page visited is saved
 * under {@code target/screenshots/}.
 */
@ExtendWith({TestDatabase.class, KeycloakServer.class})
class KeycloakBrowserIT {

  private static final String ADMIN = "admin-" + UUID.randomUUID() + "@example.test";

  /** A test fixture, not a secret: it seals only this test's tokens. */
  private static final String TOKEN_KEY = "q1Nf3V2yq8m3n1zWJv0b5Hq0v7oQ9kXx2sRkYgY4ZcU=";

  private static PayaraProcess server;
  private static String base;
  private static DriveStandIn drive;

  @RegisterExtension Chromium chromium = new Chromium();

  @BeforeAll
  static void startLatchkey() {
    int port = Integer.parseInt(System.getProperty("latchkey.it.keycloakAppPort"));
    base = "http://localhost:" + port;
    drive = DriveStandIn.start(KeycloakServer.issuer() + "/protocol/openid-connect/userinfo");
    server =
        PayaraProcess.start(
            port,
            Map.ofEntries(
                Map.entry("OIDC_API_SCOPES", "phone"),
                Map.entry("OIDC_API_NAME", "Demo Files"),
                Map.entry("OIDC_API_BASE_URL", drive.baseUrl()),
                Map.entry("LATCHKEY_TOKEN_KEY", TOKEN_KEY),
                Map.entry("LATCHKEY_BASE_URL", base),
                Map.entry("LATCHKEY_DB_URL", System.getProperty("latchkey.it.dbUrl")),
                Map.entry("LATCHKEY_ADMIN_EMAIL", ADMIN),
                Map.entry("OIDC_PROVIDER_ID", "keycloak"),
                Map.entry("OIDC_PROVIDER_NAME", "Keycloak"),
                Map.entry("OIDC_ISSUER", KeycloakServer.issuer()),
                Map.entry("OIDC_CLIENT_ID", KeycloakServer.CLIENT_ID),
                Map.entry("OIDC_CLIENT_SECRET", KeycloakServer.clientSecret()),
                Map.entry("OIDC_LOGOUT_AT_PROVIDER", "true")));
  }

  @AfterAll
  static void stopLatchkey() {
    if (server != null) {
      server.close();
    }
    if (drive != null) {
      drive.close();
    }
  }

  @Test
  void registerThenSignInWithAPassword() {
    String email = Flows.uniqueEmail();
    Window browser = register(email, "Paula Password");
    assertTrue(browser.has("registered"));
    signInWithPassword(browser, email);
    assertEquals("/account", browser.path());
    assertEquals(email, browser.text("email"));
  }

  @Test
  void continueWithKeycloakRegistersSignsOutAtKeycloakAndSignsInAgain() {
    Window browser = chromium.open(base + "/login");
    browser.click("continue-with-provider");
    keycloakLogin(browser, "alice", "alice-demo-password", true);
    assertEquals("/account", browser.path(), browser.text());
    assertEquals("alice@demo.test", browser.text("email"));
    browser.go(base + "/admin");
    assertTrue(browser.text().contains("Not allowed"), "Keycloak's roles claim grants nothing");

    browser.go(base + "/account");
    browser.click("signOut:submit");
    assertEquals("/login", browser.path(), "back from Keycloak's logout");
    assertTrue(browser.has("signed-out"));

    browser.click("continue-with-provider");
    assertTrue(browser.has("kc-form-login"), "the Keycloak session ended too: log in again");
    keycloakLogin(browser, "alice", "alice-demo-password", false);
    assertEquals("/account", browser.path());
    assertEquals(1, Flows.accountIds("alice@demo.test").size());
  }

  @Test
  void theRealmsClientRequiresPkceSoEverySignInHereSendsIt() throws Exception {
    // The same authorization request without a challenge is refused by Keycloak: the sign-ins of
    // this class get through only because Latchkey sends one and its verifier.
    String authorize =
        KeycloakServer.issuer()
            + "/protocol/openid-connect/auth?response_type=code&scope=openid&state=s"
            + "&client_id="
            + KeycloakServer.CLIENT_ID
            + "&redirect_uri="
            + URLEncoder.encode(base + "/auth/callback", StandardCharsets.UTF_8);
    HttpResponse<String> refused =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.ofString());
    String location = refused.headers().firstValue("Location").orElse("");
    assertTrue(
        location.contains("error=invalid_request") && location.contains("code_challenge"),
        refused.statusCode() + " " + location);
  }

  @Test
  void endingTheSessionAtKeycloakSignsTheBrowserOutOfLatchkey() throws Exception {
    Window browser = chromium.open(base + "/login");
    browser.click("continue-with-provider");
    keycloakLogin(browser, "erin", "erin-demo-password", true);
    assertEquals("/account", browser.path(), browser.text());

    // An admin ends erin's sessions in Keycloak: Keycloak posts a logout token to Latchkey.
    endKeycloakSessionsOf("erin");
    browser.go(base + "/account");
    assertEquals("/login", browser.path(), "signed out at the next request");
    assertEquals(1, TestDatabase.auditCount("SIGNED_OUT_BY_PROVIDER", "erin@demo.test"));

    // Erin signs in again, then signs out at Keycloak itself (its own logout page).
    browser.go(base + "/login");
    browser.click("continue-with-provider");
    keycloakLogin(browser, "erin", "erin-demo-password", true);
    assertEquals("/account", browser.path(), browser.text());
    browser.go(KeycloakServer.issuer() + "/protocol/openid-connect/logout");
    browser.click("kc-logout");
    browser.go(base + "/account");
    assertEquals("/login", browser.path(), "signed out at the next request");
    assertEquals(2, TestDatabase.auditCount("SIGNED_OUT_BY_PROVIDER", "erin@demo.test"));
  }

  @Test
  void carolBindsKeycloakToHerPasswordAccountOnTheLinkPage() {
    register("carol@demo.test", "Carol (password)");
    Window browser = chromium.open(base + "/login");
    browser.click("continue-with-provider");
    keycloakLogin(browser, "carol", "carol-demo-password", true);
    assertEquals("/link", browser.path(), browser.text());
    assertTrue(browser.text("link-account-email").contains("carol@demo.test"));

    browser.type("link:password", Flows.PASSWORD).click("link:submit");
    assertEquals("/account", browser.path(), browser.text());
    assertTrue(browser.text("notice").contains("now linked"));
    assertTrue(browser.text("methods").contains("Keycloak · carol@demo.test"), browser.text());
  }

  @Test
  void connectAndRemoveKeycloakOnTheAccountPage() {
    String email = Flows.uniqueEmail();
    Window browser = register(email, "Bob (password)");
    signInWithPassword(browser, email);
    browser.click("link-provider");
    keycloakLogin(browser, "bob", "bob-demo-password", true);
    assertEquals("/account", browser.path(), browser.text());
    assertTrue(browser.text("notice").contains("now linked"));
    assertTrue(browser.text("methods").contains("bob@demo.test"));

    browser.click("identities:0:unlink:submit");
    assertTrue(browser.text("messages").contains("removed"), browser.text());
    assertFalse(browser.text("methods").contains("bob@demo.test"));
  }

  @Test
  void frankConnectsWithARealOfflineTokenThatRefreshesAndThatUnlinkingRevokesAtKeycloak()
      throws Exception {
    String email = Flows.uniqueEmail();
    Window browser = register(email, "Frank (password)");
    signInWithPassword(browser, email);
    browser.click("link-provider");
    keycloakLogin(browser, "frank", "frank-demo-password", true);
    assertEquals("/account", browser.path(), browser.text());
    long identity =
        ((Number)
                TestDatabase.value(
                        "SELECT i.id FROM linked_identity i JOIN account a ON a.id = i.account_id"
                            + " WHERE a.email = ?",
                        email)
                    .orElseThrow())
            .longValue();

    browser.click("connect-" + identity);
    if (browser.has("kc-login")) {
      browser.click("kc-login"); // Keycloak's consent page: phone and offline access
    }
    assertEquals("/account", browser.path(), browser.text());
    assertTrue(browser.text("notice").contains("Demo Files is connected"), browser.text());

    String refreshToken = storedRefreshToken(identity);
    assertTrue(
        refreshToken.chars().filter(c -> c == '.').count() == 2
            && new String(
                    Base64.getUrlDecoder().decode(refreshToken.split("\\.")[1]),
                    StandardCharsets.UTF_8)
                .contains("\"typ\":\"Offline\""),
        "Keycloak issued an offline token");

    browser.click("files-" + identity);
    assertEquals("/account/drive", browser.path(), browser.text());
    assertTrue(browser.text("drive-files").contains("Quarterly plan.docx"), browser.text());
    assertEquals(1, drive.tokensSeen().size(), "the connect flow's access token");

    drive.rejectTokensSeenSoFar();
    browser.go(browser.url());
    assertTrue(browser.text("drive-files").contains("Budget.xlsx"), browser.text());
    assertEquals(2, drive.tokensSeen().size(), "refreshed at Keycloak with the offline token");

    assertEquals(200, refreshAtKeycloak(refreshToken).statusCode(), "Keycloak accepts it");
    browser.go(base + "/account");
    browser.click("identities:0:unlink:submit");
    assertTrue(browser.text("messages").contains("removed"), browser.text());
    long deadline = System.nanoTime() + 10_000_000_000L;
    HttpResponse<String> refused = refreshAtKeycloak(refreshToken);
    while (refused.statusCode() == 200 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      refused = refreshAtKeycloak(refreshToken);
    }
    assertEquals(400, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("invalid_grant"), refused.body());
    assertEquals(
        0L,
        ((Number)
                TestDatabase.value("SELECT COUNT(*) FROM api_grant WHERE identity_id = ?", identity)
                    .orElseThrow())
            .longValue());
  }

  /** The refresh token Latchkey keeps for the identity, opened with the test's key. */
  private static String storedRefreshToken(long identity) {
    String id =
        (String)
            TestDatabase.value("SELECT id FROM api_grant WHERE identity_id = ?", identity)
                .orElseThrow();
    String keyId =
        (String)
            TestDatabase.value("SELECT key_id FROM api_grant WHERE identity_id = ?", identity)
                .orElseThrow();
    String sealed =
        (String)
            TestDatabase.value("SELECT sealed_token FROM api_grant WHERE identity_id = ?", identity)
                .orElseThrow();
    TokenVault vault =
        new TokenVault(Optional.of(Base64.getDecoder().decode(TOKEN_KEY)), List.of());
    return vault.open(new SealedToken(keyId, sealed), id).orElseThrow();
  }

  /** The refresh grant, sent to Keycloak by the test itself as the client. */
  private static HttpResponse<String> refreshAtKeycloak(String refreshToken) throws Exception {
    String form =
        "grant_type=refresh_token&refresh_token="
            + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8)
            + "&client_id="
            + KeycloakServer.CLIENT_ID
            + "&client_secret="
            + URLEncoder.encode(KeycloakServer.clientSecret(), StandardCharsets.UTF_8);
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create(KeycloakServer.issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aSignInCancelledAtKeycloakSaysSo() {
    Window browser = chromium.open(base + "/login");
    browser.click("continue-with-provider");
    browser.type("username", "dave").type("password", "dave-demo-password").click("kc-login");
    browser.click("kc-cancel");
    assertEquals("/sign-in-problem", browser.path(), browser.text());
    assertTrue(browser.text("problem").contains("You cancelled the sign-in at Keycloak"));
    browser.go(base + "/account");
    assertEquals("/login", browser.path());
  }

  @Test
  void anAdminDisablesAUserWhoIsSignedInElsewhere() {
    String email = Flows.uniqueEmail();
    Window user = register(email, "Soon Disabled");
    signInWithPassword(user, email);

    Window admin = adminSignedIn();
    admin.go(base + "/admin/user?id=" + Flows.accountIds(email).get(0));
    admin.click(actionLinkId(admin, "disable"));
    admin.type("action:reason", "left the company").click("action:confirm");
    assertEquals("Disabled", admin.text("user-status"));

    user.click("nav-account");
    assertEquals("/login", user.path(), "signed out at the next click");
  }

  @Test
  void theAdminListPagesSortsAndFiltersInTheBrowser() {
    String prefix = "chrome-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    Seeds.accounts(prefix, 60);
    Window admin = adminSignedIn();
    admin.go(base + "/admin/users");
    admin.type("filter-email", prefix).click("filter-submit");
    assertEquals(25, admin.all(By.className("user")).size());
    assertEquals(prefix + "00@example.test", firstEmail(admin));

    admin.click("next-page").click("next-page");
    assertEquals(10, admin.all(By.className("user")).size());
    assertFalse(admin.has("next-page"));

    admin.click("sort-name");
    assertEquals(prefix + "59@example.test", firstEmail(admin));
    admin.click("sort-name");
    assertEquals(prefix + "00@example.test", firstEmail(admin));

    admin.go(base + "/admin/users?email=" + prefix + "&status=disabled");
    assertEquals(6, admin.all(By.className("user")).size());
  }

  // Helpers -----------------------------------------------------------------------------------

  private Window register(String email, String name) {
    Window browser = chromium.open(base + "/register");
    browser
        .type("register:email", email)
        .type("register:displayName", name)
        .type("register:password", Flows.PASSWORD)
        .type("register:passwordAgain", Flows.PASSWORD)
        .click("register:submit");
    return browser;
  }

  private void signInWithPassword(Window browser, String email) {
    browser.go(base + "/login");
    browser.type("login:email", email).type("login:password", Flows.PASSWORD).click("login:submit");
  }

  private Window adminSignedIn() {
    if (Flows.accountIds(ADMIN).isEmpty()) {
      register(ADMIN, "Browser Admin");
      // Seeded as a granted admin: the bootstrap rule is AccountLinkingPolicyIT's business.
      TestDatabase.update(
          "INSERT INTO account_role (account_id, role_name) VALUES (?, 'ADMIN')",
          Flows.accountIds(ADMIN).get(0));
    }
    Window admin = chromium.open(base + "/login");
    signInWithPassword(admin, ADMIN);
    return admin;
  }

  /** Keycloak's login form, then (on a user's first sign-in) its consent page. */
  private static void keycloakLogin(
      Window browser, String username, String password, boolean firstTime) {
    assertTrue(browser.has("kc-form-login"), "Keycloak's login page: " + browser.url());
    browser.type("username", username).type("password", password).click("kc-login");
    if (firstTime && browser.has("kc-cancel")) {
      browser.click("kc-login");
    }
  }

  /** Keycloak's admin REST API: "Sign out" on the user's page (all of their sessions). */
  private static void endKeycloakSessionsOf(String username) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String root = "http://localhost:" + KeycloakServer.port();
    String form =
        "grant_type=password&client_id=admin-cli&username="
            + URLEncoder.encode(KeycloakServer.adminUsername(), StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(KeycloakServer.adminPassword(), StandardCharsets.UTF_8);
    String tokenJson =
        http.send(
                HttpRequest.newBuilder(
                        URI.create(root + "/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    String token = jsonValue(tokenJson, "access_token");
    String admin = root + "/admin/realms/" + KeycloakServer.REALM + "/users";
    String users =
        http.send(
                HttpRequest.newBuilder(URI.create(admin + "?exact=true&username=" + username))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    String id = jsonValue(users, "id");
    int status =
        http.send(
                HttpRequest.newBuilder(URI.create(admin + "/" + id + "/logout"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode();
    assertEquals(204, status, "Keycloak ended the user's sessions");
  }

  /** The first string value of {@code name} in a JSON text (enough for Keycloak's answers). */
  private static String jsonValue(String json, String name) {
    java.util.regex.Matcher value =
        java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
    assertTrue(value.find(), name + " in " + json);
    return value.group(1);
  }

  private static String firstEmail(Window admin) {
    return admin.all(By.className("user-link")).get(0).getText();
  }

  private static String actionLinkId(Window admin, String action) {
    return admin.all(By.tagName("a")).stream()
        .filter(a -> String.valueOf(a.getAttribute("href")).contains("action=" + action + "&"))
        .map(a -> a.getAttribute("id"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + action + " link"));
  }
}
