package io.latchkey.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.testing.provider.Login;
import io.latchkey.testing.provider.TestProvider;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlPage;

/** What a user does on Latchkey's pages, step by step, shared by the integration tests. */
public final class Flows {

  public static final String PASSWORD = "correct horse battery staple";

  /** The arquillian.xml servers name this email in {@code LATCHKEY_ADMIN_EMAIL}. */
  public static final String ADMIN = "admin@latchkey.test";

  private Flows() {}

  /** A new person at the provider: unique subject and email, verified, with this name. */
  public static Login person(String name) {
    String id = UUID.randomUUID().toString();
    return Login.DEFAULT
        .withSubject("subject-" + id)
        .withEmail("person-" + id + "@example.test")
        .withEmailVerified(true)
        .withName(name);
  }

  public static String uniqueEmail() {
    return "user-" + UUID.randomUUID() + "@example.test";
  }

  /** "Continue with …" on the login page; the provider answers with {@code login}. */
  public static HtmlPage signInWithProvider(Browser browser, TestProvider provider, Login login) {
    provider.enqueueLogin(login);
    return html(browser.click(browser.open("/login"), "continue-with-provider"));
  }

  /** The "Link …" link on the account page; the provider answers with {@code login}. */
  public static HtmlPage link(Browser browser, TestProvider provider, Login login) {
    provider.enqueueLogin(login);
    return html(browser.click(browser.open("/account"), "link-provider"));
  }

  /**
   * "Connect …" on the account page for the signed-in identity of {@code login}, which the provider
   * authenticates again (or {@code login} itself, when a test sends another identity back).
   */
  public static HtmlPage connect(
      Browser browser, TestProvider provider, long identityId, Login login) {
    provider.enqueueLogin(login);
    return html(browser.click(browser.open("/account"), "connect-" + identityId));
  }

  /** The id of the identity of {@code login} at the provider. */
  public static long identityId(TestProvider provider, Login login) {
    return ((Number)
            TestDatabase.value(
                    "SELECT id FROM linked_identity WHERE issuer = ? AND subject = ?",
                    provider.issuer(),
                    login.subject())
                .orElseThrow())
        .longValue();
  }

  public static HtmlPage register(Browser browser, String email, String name) {
    return browser.submit(
        "/register",
        "register",
        Map.of(
            "email", email, "displayName", name, "password", PASSWORD, "passwordAgain", PASSWORD),
        "submit");
  }

  public static HtmlPage signIn(Browser browser, String email, String password) {
    return browser.submit(
        "/login", "login", Map.of("email", email, "password", password), "submit");
  }

  public static HtmlPage signOut(Browser browser) {
    return browser.submit("/account", "signOut", Map.of(), "submit");
  }

  /** Whether this browser's session is signed in (the account page does not send it away). */
  public static boolean isSignedIn(Browser browser) {
    return browser.open("/account").getUrl().getPath().endsWith("/account");
  }

  public static String messagesOf(HtmlPage page) {
    var messages = page.getElementById("messages");
    return messages == null ? "" : messages.asNormalizedText();
  }

  public static long count(String sql, Object... parameters) {
    return ((Number) TestDatabase.value(sql, parameters).orElseThrow()).longValue();
  }

  public static List<Object> accountIds(String email) {
    return TestDatabase.column("SELECT id FROM account WHERE email = ?", email);
  }

  /** The account a subject of the provider is linked to, if any. */
  public static List<Object> linkedAccount(TestProvider provider, Login login) {
    return TestDatabase.column(
        "SELECT account_id FROM linked_identity WHERE issuer = ? AND subject = ?",
        provider.issuer(),
        login.subject());
  }

  public static HtmlPage html(Page page) {
    if (!(page instanceof HtmlPage html)) {
      throw new AssertionError(
          "Not an HTML page: HTTP "
              + page.getWebResponse().getStatusCode()
              + " "
              + page.getWebResponse().getContentAsString());
    }
    return html;
  }

  public static void assertAt(HtmlPage page, String path) {
    assertTrue(
        page.getUrl().getPath().endsWith(path), "expected " + path + ", at " + page.getUrl());
  }

  /**
   * An admin's action on an account: opened from the account's page in the console (its link
   * carries the view token), then confirmed with the reason.
   */
  public static HtmlPage adminAction(Browser admin, long accountId, String action, String reason) {
    return admin.submit(
        adminActionPage(admin, accountId, action), "action", Map.of("reason", reason), "confirm");
  }

  /** The confirmation page of an admin's action, reached from the account's page. */
  public static HtmlPage adminActionPage(Browser admin, long accountId, String action) {
    HtmlPage page = admin.open("/admin/user?id=" + accountId);
    var link =
        page.getAnchors().stream()
            .filter(a -> a.getHrefAttribute().contains("action=" + action + "&"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + action + " link on " + page.getUrl()));
    return html(admin.click(page, link.getId()));
  }

  /** How many signed-in sessions of the account with this email have a record. */
  public static long sessionRecords(String email) {
    return count(
        "SELECT COUNT(*) FROM session_record r JOIN account a ON a.id = r.account_id"
            + " WHERE a.email = ?",
        email);
  }

  /** The id of the one account with this email. */
  public static long accountId(String email) {
    return ((Number) accountIds(email).get(0)).longValue();
  }

  /**
   * Signs {@code browser} in as the configured admin: an account with the {@code
   * LATCHKEY_ADMIN_EMAIL} address and an identity whose provider verified that address (the
   * bootstrap rule: a password alone proves no email). Whichever test class comes first makes it,
   * once per database.
   */
  public static HtmlPage signInAsConfiguredAdmin(Browser browser, TestProvider provider) {
    if (accountIds(ADMIN).isEmpty()) {
      register(browser.another(), ADMIN, "Configured Admin");
    }
    TestDatabase.update("UPDATE account SET status = 'ACTIVE' WHERE email = ?", ADMIN);
    HtmlPage signedIn = signIn(browser, ADMIN, PASSWORD);
    assertAt(signedIn, "/account");
    if (browser.get("/admin/users").getWebResponse().getStatusCode() != 200) {
      signedIn = link(browser, provider, person("Admin at Provider").withEmail(ADMIN));
      assertAt(signedIn, "/account");
    }
    return signedIn;
  }
}
