package io.latchkey.interfaces.web.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.testing.Chromium;
import io.latchkey.testing.Chromium.Window;
import io.latchkey.testing.Flows;
import io.latchkey.testing.KeycloakServer;
import io.latchkey.testing.PayaraProcess;
import io.latchkey.testing.Seeds;
import io.latchkey.testing.TestDatabase;
import java.util.Map;
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

  private static PayaraProcess server;
  private static String base;

  @RegisterExtension Chromium chromium = new Chromium();

  @BeforeAll
  static void startLatchkey() {
    int port = Integer.parseInt(System.getProperty("latchkey.it.keycloakAppPort"));
    base = "http://localhost:" + port;
    server =
        PayaraProcess.start(
            port,
            Map.of(
                "LATCHKEY_BASE_URL",
                base,
                "LATCHKEY_DB_URL",
                System.getProperty("latchkey.it.dbUrl"),
                "LATCHKEY_ADMIN_EMAIL",
                ADMIN,
                "OIDC_PROVIDER_ID",
                "keycloak",
                "OIDC_PROVIDER_NAME",
                "Keycloak",
                "OIDC_ISSUER",
                KeycloakServer.issuer(),
                "OIDC_CLIENT_ID",
                KeycloakServer.CLIENT_ID,
                "OIDC_CLIENT_SECRET",
                KeycloakServer.clientSecret(),
                "OIDC_LOGOUT_AT_PROVIDER",
                "true"));
  }

  @AfterAll
  static void stopLatchkey() {
    if (server != null) {
      server.close();
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
            + java.net.URLEncoder.encode(
                base + "/auth/callback", java.nio.charset.StandardCharsets.UTF_8);
    java.net.http.HttpResponse<String> refused =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(authorize)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
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
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    String root = "http://localhost:" + KeycloakServer.port();
    String form =
        "grant_type=password&client_id=admin-cli&username="
            + java.net.URLEncoder.encode(
                KeycloakServer.adminUsername(), java.nio.charset.StandardCharsets.UTF_8)
            + "&password="
            + java.net.URLEncoder.encode(
                KeycloakServer.adminPassword(), java.nio.charset.StandardCharsets.UTF_8);
    String tokenJson =
        http.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(root + "/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    String token = jsonValue(tokenJson, "access_token");
    String admin = root + "/admin/realms/" + KeycloakServer.REALM + "/users";
    String users =
        http.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(admin + "?exact=true&username=" + username))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    String id = jsonValue(users, "id");
    int status =
        http.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(admin + "/" + id + "/logout"))
                    .header("Authorization", "Bearer " + token)
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.discarding())
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
