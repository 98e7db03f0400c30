package io.latchkey.interfaces.web.admin;

import static io.latchkey.testing.Flows.PASSWORD;
import static io.latchkey.testing.Flows.accountId;
import static io.latchkey.testing.Flows.adminAction;
import static io.latchkey.testing.Flows.adminActionPage;
import static io.latchkey.testing.Flows.assertAt;
import static io.latchkey.testing.Flows.count;
import static io.latchkey.testing.Flows.isSignedIn;
import static io.latchkey.testing.Flows.messagesOf;
import static io.latchkey.testing.Flows.person;
import static io.latchkey.testing.Flows.register;
import static io.latchkey.testing.Flows.signIn;
import static io.latchkey.testing.Flows.signInWithProvider;
import static io.latchkey.testing.Flows.uniqueEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.interfaces.web.FormTokens;
import io.latchkey.testing.AtOnce;
import io.latchkey.testing.Browser;
import io.latchkey.testing.Deployments;
import io.latchkey.testing.Flows;
import io.latchkey.testing.ItProvider;
import io.latchkey.testing.ItServer;
import io.latchkey.testing.Seeds;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.provider.Login;
import io.latchkey.testing.provider.TestProvider;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlPage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin console through its pages: who may reach it, the list and the account page, and every
 * action with its rules and audit entry. (Paging and sorting in a real browser: {@code
 * AdminConsoleBrowserIT}.)
 */
@ExtendWith({TestDatabase.class, ItProvider.class, ArquillianExtension.class})
@RunAsClient
class AdminConsoleIT {

  static final String ADMIN = Flows.ADMIN;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.packagedWar();
  }

  @RegisterExtension Browser admin = new Browser();

  private final TestProvider provider = ItProvider.provider();

  @BeforeEach
  void signInAsAdmin() {
    admin.at(ItServer.url());
    Flows.signInAsConfiguredAdmin(admin, provider);
  }

  // Access -------------------------------------------------------------------------------------

  @Test
  void everyAdminUrlIsForbiddenToOthersAndSendsAnonymousToSignIn() {
    long someone = accountId(ADMIN);
    List<String> urls =
        List.of(
            "/admin",
            "/admin/",
            "/admin.xhtml",
            "/admin/users",
            "/admin/users.xhtml",
            "/admin/user?id=" + someone,
            "/admin/audit",
            "/admin/action?action=disable&id=" + someone);
    Browser user = admin.another();
    String email = uniqueEmail();
    register(user, email, "Just A User");
    signIn(user, email, PASSWORD);
    for (String url : urls) {
      var response = user.get(url).getWebResponse();
      assertEquals(403, response.getStatusCode(), url);
      assertTrue(response.getContentAsString().contains("Not allowed"), url);
    }
    Browser anonymous = admin.another();
    for (String url : urls) {
      assertTrue(anonymous.get(url).getUrl().getPath().endsWith("/login"), url);
    }

    HtmlPage actionPage = adminActionPage(admin, someone, "disable");
    assertEquals(200, actionPage.getWebResponse().getStatusCode());
    var forged = user.send(formOf(actionPage, Map.of("action:reason", "not an admin")));
    assertEquals(403, forged.getWebResponse().getStatusCode(), "a non-admin posting the form");
    assertEquals("ACTIVE", status(ADMIN));
  }

  @Test
  void anActionUrlTypedByHandGoesBackToTheConsole() {
    String email = uniqueEmail();
    register(admin.another(), email, "Typed Url Target");
    String typed = "/admin/action?action=disable&id=" + accountId(email);
    HtmlPage page = admin.open(typed);
    assertAt(page, "/admin/users");
    assertTrue(messagesOf(page).contains("from the user's page"), messagesOf(page));

    String formToken =
        page.getElementsByName(FormTokens.FIELD).get(0).getAttribute("value"); // not a link token
    for (String token : List.of("forged", formToken, "")) {
      HtmlPage again = admin.open(typed + "&token=" + token);
      assertAt(again, "/admin/users");
      assertTrue(messagesOf(again).contains("from the user's page"), token);
    }
    assertEquals("ACTIVE", status(email));

    HtmlPage fromTheConsole = adminActionPage(admin, accountId(email), "disable");
    assertAt(fromTheConsole, "/admin/action");
    assertNotNull(fromTheConsole.getElementById("action:reason"));
  }

  // List and account page ----------------------------------------------------------------------

  @Test
  void theListPagesSortsAndFiltersOnTheServer() {
    String prefix = "bulk-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    Seeds.accounts(prefix, 60);

    HtmlPage first = admin.open("/admin/users?email=" + prefix);
    assertEquals(25, first.getByXPath("//tr[@class='user']").size());
    assertEquals(prefix + "00@example.test", firstEmail(first));
    assertNotNull(first.getElementById("next-page"));

    HtmlPage third =
        Flows.html(admin.click(Flows.html(admin.click(first, "next-page")), "next-page"));
    assertEquals(10, third.getByXPath("//tr[@class='user']").size());
    assertTrue(third.getElementById("next-page") == null, "no page after the last");

    HtmlPage byName = Flows.html(admin.click(first, "sort-name"));
    assertEquals(prefix + "59@example.test", firstEmail(byName), "names run against emails");
    HtmlPage byNameDesc = Flows.html(admin.click(byName, "sort-name"));
    assertEquals(prefix + "00@example.test", firstEmail(byNameDesc));

    HtmlPage disabledOnly = admin.open("/admin/users?email=" + prefix + "&status=disabled");
    assertEquals(6, disabledOnly.getByXPath("//tr[@class='user']").size());

    HtmlPage byNamePrefix = admin.open("/admin/users?name=" + prefix.toUpperCase() + "NAME-4");
    assertEquals(
        10, byNamePrefix.getByXPath("//tr[@class='user']").size(), "prefix, case-insensitive");
  }

  @Test
  void theAccountPageShowsIdentitiesRolesAndTheFilterByIdentityFindsIt() {
    Login person = person("Linked Person");
    signInWithProvider(admin.another(), provider, person);
    long id = accountId(person.email());

    HtmlPage found =
        admin.open("/admin/users?issuer=" + provider.issuer() + "&subject=" + person.subject());
    assertEquals(person.email(), firstEmail(found));

    HtmlPage page = userPage(id);
    assertTrue(page.getElementById("user-identities").getTextContent().contains(person.subject()));
    assertTrue(page.getElementById("user-roles").getTextContent().contains("User"));
    assertTrue(page.asNormalizedText().contains("Identity linked"), "recent audit entries");
  }

  // Actions ------------------------------------------------------------------------------------

  @Test
  void disablingSignsTheUserOutAtTheirNextClickAndEnablingLetsThemBack() {
    String email = uniqueEmail();
    Browser user = admin.another();
    register(user, email, "To Be Disabled");
    signIn(user, email, PASSWORD);
    long id = accountId(email);

    HtmlPage empty = act(id, "disable", "");
    assertTrue(empty.asNormalizedText().contains("please fill in this field"));
    assertEquals("ACTIVE", status(email), "no reason, no change");

    HtmlPage done = act(id, "disable", "left the company");
    assertAt(done, "/admin/user");
    assertEquals("DISABLED", status(email));
    assertFalse(isSignedIn(user), "signed out at the next click");
    assertEquals(
        1,
        count(
            "SELECT COUNT(*) FROM audit_entry WHERE event_type = 'ACCOUNT_DISABLED'"
                + " AND target_account_id = ? AND actor_account_id = ? AND detail LIKE ?",
            id,
            accountId(ADMIN),
            "%left the company%"));

    act(id, "enable", "came back");
    assertEquals("ACTIVE", status(email));
    assertAt(signIn(user, email, PASSWORD), "/account");
  }

  @Test
  void endingSessionsAndUnlinkingFollowTheRules() {
    Login person = person("Provider Only");
    Browser user = admin.another();
    signInWithProvider(user, provider, person);
    long id = accountId(person.email());

    act(id, "end-sessions", "lost laptop");
    assertFalse(isSignedIn(user));

    HtmlPage refused = unlink(id, "clean up");
    assertTrue(messagesOf(refused).contains("only way to sign in"), messagesOf(refused));
    assertEquals(1, Flows.linkedAccount(provider, person).size());

    act(id, "disable", "investigation");
    unlink(id, "removing the compromised identity");
    assertEquals(0, Flows.linkedAccount(provider, person).size(), "allowed once disabled");
    assertEquals(1, TestDatabase.auditCount("IDENTITY_UNLINKED", person.email()));
  }

  @Test
  void anAdminSeesAnAccountsSessionsAndEndsOneForAReason() {
    String email = uniqueEmail();
    register(admin.another(), email, "Lost Phone");
    Browser laptop =
        admin.another().addHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0");
    Browser phone =
        admin.another().addHeader("User-Agent", "Mozilla/5.0 (Linux; Android 14) Chrome/131.0");
    signIn(laptop, email, PASSWORD);
    signIn(phone, email, PASSWORD);
    long id = accountId(email);

    HtmlPage page = userPage(id);
    List<org.htmlunit.html.DomNode> rows = page.querySelectorAll("#user-sessions li.session");
    assertEquals(2, rows.size());
    var endPhone =
        rows.stream()
            .filter(row -> row.asNormalizedText().contains("Chrome · Android"))
            .map(row -> (org.htmlunit.html.HtmlAnchor) row.querySelector("a"))
            .findFirst()
            .orElseThrow();
    HtmlPage confirm = Flows.html(admin.click(page, endPhone.getId()));
    HtmlPage done =
        admin.submit(confirm, "action", Map.of("reason", "phone reported lost"), "confirm");
    assertTrue(messagesOf(done).contains("Done"), messagesOf(done));

    assertFalse(isSignedIn(phone), "that session ended");
    assertTrue(isSignedIn(laptop), "the other carries on");
    assertEquals(1, userPage(id).querySelectorAll("#user-sessions li.session").size());
    assertEquals(1, TestDatabase.auditCount("SESSION_ENDED", email));
    assertTrue(
        TestDatabase.value(
                "SELECT detail FROM audit_entry WHERE event_type = 'SESSION_ENDED'"
                    + " AND target_email = ?",
                email)
            .orElseThrow()
            .toString()
            .contains("phone reported lost"));

    HtmlPage again = admin.submit(confirm, "action", Map.of("reason", "twice"), "confirm");
    assertTrue(messagesOf(again).contains("already ended"), messagesOf(again));
    assertEquals(1, TestDatabase.auditCount("SESSION_ENDED", email));
  }

  @Test
  void adminRolesShowWhoGrantedThemAndTheLastAdminStays() {
    String email = uniqueEmail();
    Browser second = admin.another();
    register(second, email, "Second Admin");
    long id = accountId(email);

    act(id, "grant-admin", "on call this week");
    HtmlPage page = userPage(id);
    assertTrue(page.getElementById("user-roles").getTextContent().contains("granted by " + ADMIN));
    assertTrue(page.getElementById("revoke-admin") != null);

    assertAt(signIn(second, email, PASSWORD), "/account");
    HtmlPage console = second.open("/admin/users");
    assertEquals(200, console.getWebResponse().getStatusCode(), "the granted role works at once");

    HtmlPage self =
        adminAction(second, accountId(ADMIN), "disable", "the configured admin takes a break");
    assertEquals("DISABLED", status(ADMIN), messagesOf(self));
    HtmlPage last = adminAction(second, id, "revoke-admin", "leaving");
    assertTrue(messagesOf(last).contains("last admin"), messagesOf(last));
    assertEquals(
        1,
        count(
            "SELECT COUNT(*) FROM account_role WHERE account_id = ? AND role_name = 'ADMIN'", id));

    adminAction(second, accountId(ADMIN), "enable", "back from the break");
    assertEquals("ACTIVE", status(ADMIN));
    signIn(admin, ADMIN, PASSWORD);
    act(id, "revoke-admin", "rotation over");
    assertEquals(403, second.get("/admin/users").getWebResponse().getStatusCode(), "at once");
  }

  @Test
  void deletingKeepsTheAuditTrailButNothingElse() {
    Login person = person("To Be Deleted");
    Browser user = admin.another();
    signInWithProvider(user, provider, person);
    long id = accountId(person.email());

    HtmlPage list = act(id, "delete", "requested by the user");
    assertAt(list, "/admin/users");
    assertTrue(Flows.accountIds(person.email()).isEmpty());
    assertEquals(0, Flows.linkedAccount(provider, person).size());
    assertFalse(isSignedIn(user));
    assertEquals(
        1,
        count(
            "SELECT COUNT(*) FROM audit_entry WHERE event_type = 'ACCOUNT_DELETED'"
                + " AND target_account_id = ? AND target_email = ?",
            id,
            person.email()));
    assertTrue(userPage(id).getElementById("user-missing") != null);
  }

  @Test
  void adminsCannotDisableOrDeleteThemselves() {
    HtmlPage refused = act(accountId(ADMIN), "delete", "oops");
    assertTrue(messagesOf(refused).contains("your own account"), messagesOf(refused));
    assertEquals(1, Flows.accountIds(ADMIN).size());

    HtmlPage account = admin.open("/account");
    ((HtmlCheckBoxInput) account.getElementById("deleteAccount:understood")).setChecked(true);
    HtmlPage notHere = admin.submit(account, "deleteAccount", Map.of(), "submit");
    assertTrue(
        messagesOf(notHere).contains("Admins cannot delete their own account"),
        messagesOf(notHere));
    assertEquals(1, Flows.accountIds(ADMIN).size(), "nor from the account page");
  }

  @Test
  void theAuditLogFiltersByTypeAndAccount() {
    String email = uniqueEmail();
    register(admin.another(), email, "Audited");
    long id = accountId(email);
    act(id, "end-sessions", "audit filter check");

    HtmlPage byType = admin.open("/admin/audit?type=SESSIONS_ENDED&account=" + id);
    List<?> rows = byType.getByXPath("//tr[@class='audit-entry']");
    assertEquals(1, rows.size());
    assertTrue(byType.asNormalizedText().contains("audit filter check"));

    HtmlPage byAccount = admin.open("/admin/audit?account=" + id);
    assertTrue(byAccount.asNormalizedText().contains("Account registered"));
    HtmlPage byActor = admin.open("/admin/audit?type=SESSIONS_ENDED&account=" + accountId(ADMIN));
    assertTrue(
        byActor.asNormalizedText().contains("audit filter check"),
        "an account's entries include what it did to another account");
    String today = Instant.now().toString().substring(0, 10);
    HtmlPage byDay = admin.open("/admin/audit?account=" + id + "&from=" + today + "&to=" + today);
    assertEquals(
        byAccount.getByXPath("//tr[@class='audit-entry']").size(),
        byDay.getByXPath("//tr[@class='audit-entry']").size());
    HtmlPage garbage = admin.open("/admin/audit?account=abc&from=never");
    assertEquals(200, garbage.getWebResponse().getStatusCode());
  }

  // API grants -------------------------------------------------------------------------------

  @Test
  void anAdminSeesAnAccountsApiGrantsAndEndsThemAtTheProvider() {
    Browser user = admin.another();
    Login first = person("Grant Holder");
    signInWithProvider(user, provider, first);
    long identity = Flows.identityId(provider, first);
    Flows.connect(user, provider, identity, first);
    String token = lastRefreshToken();
    long id = accountId(first.email());

    HtmlPage page = admin.open("/admin/user?id=" + id);
    String grants = page.getElementById("user-grants").asNormalizedText();
    assertTrue(grants.contains("Google Drive · TestID · " + first.email()), grants);
    assertTrue(grants.contains(TestProvider.DRIVE_SCOPE), "the scopes, for admins: " + grants);

    HtmlPage revoked = adminAction(admin, id, "revoke-grant", "suspicious use");
    assertTrue(messagesOf(revoked).contains("Done"), messagesOf(revoked));
    assertEquals(0L, count("SELECT COUNT(*) FROM api_grant WHERE account_id = ?", id));
    eventually(() -> !provider.isRefreshTokenActive(token));
    assertTrue(
        admin.open("/admin/user?id=" + id).getElementById("no-grants") != null,
        "the list says it is empty");

    Flows.connect(user, provider, identity, first);
    String again = lastRefreshToken();
    adminAction(admin, id, "end-sessions", "lost laptop");
    assertEquals(0L, count("SELECT COUNT(*) FROM api_grant WHERE account_id = ?", id));
    eventually(() -> !provider.isRefreshTokenActive(again));
    assertEquals(2, TestDatabase.auditCount("API_DISCONNECTED", first.email()));

    Login second = person("Deleted With Grant");
    Browser other = admin.another();
    signInWithProvider(other, provider, second);
    Flows.connect(other, provider, Flows.identityId(provider, second), second);
    String deleted = lastRefreshToken();
    adminAction(admin, accountId(second.email()), "delete", "asked to be forgotten");
    eventually(() -> !provider.isRefreshTokenActive(deleted));
  }

  private String lastRefreshToken() {
    List<String> issued = provider.issuedRefreshTokens();
    return issued.get(issued.size() - 1);
  }

  private static void eventually(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "not revoked at the provider within 10 s");
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  // Helpers -----------------------------------------------------------------------------------

  /**
   * Two admins revoking, then disabling, each other at the same moment (the configured admin is
   * disabled, so each is the other's last fellow admin): one action goes through, the other is
   * refused as the last admin's, and an active admin always remains. Neither gets an HTTP 500.
   */
  @Test
  void twoAdminsActingOnEachOtherAtOnceLeaveOneAdmin() throws Exception {
    String emailA = uniqueEmail();
    String emailB = uniqueEmail();
    Browser a = admin.another();
    Browser b = admin.another();
    register(a, emailA, "Admin A");
    register(b, emailB, "Admin B");
    long idA = accountId(emailA);
    long idB = accountId(emailB);
    act(idA, "grant-admin", "pair on call");
    act(idB, "grant-admin", "pair on call");
    assertAt(signIn(a, emailA, PASSWORD), "/account");
    assertAt(signIn(b, emailB, PASSWORD), "/account");
    adminAction(a, accountId(ADMIN), "disable", "the configured admin is away");
    assertEquals("DISABLED", status(ADMIN));

    try {
      for (String action : List.of("revoke-admin", "disable")) {
        if (activeAdmins(idA, idB) < 2) {
          Browser remaining = isActiveAdmin(idA) ? a : b;
          long other = remaining == a ? idB : idA;
          if (count("SELECT COUNT(*) FROM account WHERE id = ? AND status = 'DISABLED'", other)
              == 1) {
            adminAction(remaining, other, "enable", "back");
          }
          if (count(
                  "SELECT COUNT(*) FROM account_role WHERE account_id = ? AND role_name = 'ADMIN'",
                  other)
              == 0) {
            adminAction(remaining, other, "grant-admin", "again");
          }
          Browser otherBrowser = remaining == a ? b : a;
          assertAt(signIn(otherBrowser, other == idA ? emailA : emailB, PASSWORD), "/account");
        }
        assertEquals(2, activeAdmins(idA, idB), action);
        HtmlPage aOnB = adminActionPage(a, idB, action);
        HtmlPage bOnA = adminActionPage(b, idA, action);
        List<HtmlPage> answers =
            AtOnce.run(
                () -> a.submit(aOnB, "action", Map.of("reason", "race"), "confirm"),
                () -> b.submit(bOnA, "action", Map.of("reason", "race"), "confirm"));
        for (HtmlPage page : answers) {
          assertTrue(page.getWebResponse().getStatusCode() < 500, action + ": " + page.getUrl());
        }
        assertEquals(1, activeAdmins(idA, idB), action + ": exactly one admin remains");
      }
    } finally {
      // The other tests count on the configured admin being the only one.
      TestDatabase.update("UPDATE account SET status = 'ACTIVE' WHERE email = ?", ADMIN);
      for (long id : new long[] {idA, idB}) {
        TestDatabase.update(
            "DELETE FROM account_role WHERE account_id = ? AND role_name = 'ADMIN'", id);
      }
    }
  }

  private static long activeAdmins(long... ids) {
    long active = 0;
    for (long id : ids) {
      active += isActiveAdmin(id) ? 1 : 0;
    }
    return active;
  }

  private static boolean isActiveAdmin(long id) {
    return count(
            "SELECT COUNT(*) FROM account_role r JOIN account a ON a.id = r.account_id"
                + " WHERE r.account_id = ? AND r.role_name = 'ADMIN' AND a.status = 'ACTIVE'",
            id)
        == 1;
  }

  private HtmlPage userPage(long id) {
    return admin.open("/admin/user?id=" + id);
  }

  private HtmlPage act(long id, String action, String reason) {
    return adminAction(admin, id, action, reason);
  }

  private HtmlPage unlink(long id, String reason) {
    HtmlPage page = userPage(id);
    var link =
        page.getAnchors().stream()
            .filter(a -> a.getHrefAttribute().contains("action=unlink"))
            .findFirst()
            .orElseThrow();
    HtmlPage confirm = Flows.html(admin.click(page, link.getId()));
    return admin.submit(confirm, "action", Map.of("reason", reason), "confirm");
  }

  private static org.htmlunit.WebRequest formOf(HtmlPage page, Map<String, String> fields) {
    try {
      var form = (org.htmlunit.html.HtmlForm) page.getElementById("action");
      fields.forEach(
          (name, value) ->
              ((org.htmlunit.html.HtmlInput) page.getElementById(name)).setValue(value));
      return form.getWebRequest(
          (org.htmlunit.html.SubmittableElement) page.getElementById("action:confirm"));
    } catch (RuntimeException e) {
      throw new AssertionError("no action form on " + page.getUrl(), e);
    }
  }

  private static String firstEmail(HtmlPage page) {
    return page.getByXPath("//a[@class='user-link']").stream()
        .map(a -> ((org.htmlunit.html.HtmlAnchor) a).getTextContent())
        .findFirst()
        .orElseThrow();
  }

  private static String status(String email) {
    return (String)
        TestDatabase.value("SELECT status FROM account WHERE email = ?", email).orElseThrow();
  }
}
