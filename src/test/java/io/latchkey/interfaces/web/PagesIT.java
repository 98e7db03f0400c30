package io.latchkey.interfaces.web;

import static io.latchkey.testing.Flows.PASSWORD;
import static io.latchkey.testing.Flows.accountIds;
import static io.latchkey.testing.Flows.count;
import static io.latchkey.testing.Flows.register;
import static io.latchkey.testing.Flows.signIn;
import static io.latchkey.testing.Flows.uniqueEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.testing.Browser;
import io.latchkey.testing.Deployments;
import io.latchkey.testing.Flows;
import io.latchkey.testing.ItProvider;
import io.latchkey.testing.ItServer;
import io.latchkey.testing.TestDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.htmlunit.html.DomElement;
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
 * The pages as people read them (issue #17): times, translated audit entries that name their
 * accounts, empty lists, the dashboard and its counters, the CSV export, and errors tied to their
 * fields. (axe-core and screenshots in both languages: {@code AccessibilityBrowserIT}.)
 */
@ExtendWith({TestDatabase.class, ItProvider.class, ArquillianExtension.class})
@RunAsClient
class PagesIT {

  private static final String ADMIN = Flows.ADMIN;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.packagedWar();
  }

  @RegisterExtension Browser admin = new Browser();

  @BeforeEach
  void signInAsAdmin() {
    admin.at(ItServer.url());
    Flows.signInAsConfiguredAdmin(admin, ItProvider.provider());
  }

  // Times --------------------------------------------------------------------------------------

  @Test
  void timesAreRelativeWhenRecentWithTheExactInstantInBothLanguages() {
    String email = uniqueEmail();
    Browser user = admin.another();
    register(user, email, "Tess Time");
    HtmlPage account = signIn(user, email, PASSWORD);
    DomElement created = times(account).get(0);
    assertEquals("just now", created.getTextContent());
    Instant stored =
        ((Timestamp)
                TestDatabase.value("SELECT created_at FROM account WHERE email = ?", email)
                    .orElseThrow())
            .toLocalDateTime()
            .toInstant(ZoneOffset.UTC);
    assertEquals(
        Instant.parse(created.getAttribute("datetime")), stored.truncatedTo(ChronoUnit.MILLIS));
    assertEquals(created.getAttribute("datetime"), created.getAttribute("title"));

    TestDatabase.update(
        "UPDATE account SET created_at = ? WHERE email = ?",
        Timestamp.valueOf("2025-01-15 10:00:00"),
        email);
    HtmlPage english = admin.open("/admin/user?id=" + id(email));
    assertTrue(
        english.asNormalizedText().contains("Jan 15, 2025, 10:00:00 AM UTC"),
        english.asNormalizedText());
    assertEquals("2025-01-15T10:00:00Z", times(english).get(0).getAttribute("datetime"));

    Browser chinese = admin.another().addHeader("Accept-Language", "zh-CN");
    signIn(chinese, email, PASSWORD);
    HtmlPage zh = chinese.open("/account");
    assertTrue(zh.asNormalizedText().contains("2025年1月15日"), zh.asNormalizedText());
    assertEquals("刚刚", times(zh).get(1).getTextContent(), "the last sign-in, just now");
  }

  // Audit entries ------------------------------------------------------------------------------

  @Test
  void auditEntriesAreTranslatedWithTheirReasonAndNameTheirAccounts() {
    String email = uniqueEmail();
    register(admin.another(), email, "Audited Person");
    signIn(admin.another(), email, "not the password");
    long id = id(email);

    HtmlPage log = admin.open("/admin/audit?account=" + id);
    String text = log.asNormalizedText();
    assertTrue(text.contains("Account registered"), text);
    assertTrue(text.contains("Sign-in failed"), text);
    assertTrue(text.contains("Wrong password"), text);
    DomElement target = log.getFirstByXPath("//td[@class='audit-account']/a");
    assertEquals(email, target.getTextContent());
    assertTrue(target.getAttribute("href").endsWith("/admin/user?id=" + id));

    long adminId = id(ADMIN);
    HtmlPage own = admin.open("/admin/audit?type=SIGN_IN_SUCCEEDED&account=" + adminId);
    DomElement actor = own.getFirstByXPath("//td[@class='audit-actor']/a");
    assertEquals(ADMIN, actor.getTextContent(), "the actor by email, not by number");
    assertTrue(actor.getAttribute("href").endsWith("/admin/user?id=" + adminId));

    Browser chinese = admin.another().addHeader("Accept-Language", "zh-CN");
    signIn(chinese, ADMIN, PASSWORD);
    String zh = chinese.open("/admin/audit?account=" + id).asNormalizedText();
    assertTrue(zh.contains("账户已注册"), zh);
    assertTrue(zh.contains("登录失败"), zh);
    assertTrue(zh.contains("密码错误"), zh);
  }

  @Test
  void emptyListsSaySo() {
    String email = uniqueEmail();
    Browser user = admin.another();
    register(user, email, "No Identities");
    HtmlPage account = signIn(user, email, PASSWORD);
    assertEquals("No linked identities.", account.getElementById("no-identities").getTextContent());
    assertEquals(
        "No linked identities.",
        admin.open("/admin/user?id=" + id(email)).getElementById("no-identities").getTextContent());
    HtmlPage nothing = admin.open("/admin/audit?account=1&from=2001-01-01&to=2001-01-01");
    assertEquals(
        "No audit entries match.", nothing.getElementById("no-audit-entries").getTextContent());
  }

  // Dashboard ----------------------------------------------------------------------------------

  @Test
  void theDashboardCountsSignInsInTheTransactionThatAuditsThem() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    long succeeded = todays("password", "SUCCEEDED", "");
    long wrong = todays("password", "FAILED", "wrong-password");
    String email = uniqueEmail();
    Browser user = admin.another();
    register(user, email, "Counted Person");
    signIn(user, email, PASSWORD);
    signIn(admin.another(), email, PASSWORD);
    signIn(admin.another(), email, "wrong, twice");
    signIn(admin.another(), email, "wrong, twice");
    assertEquals(succeeded + 2, todays("password", "SUCCEEDED", ""));
    assertEquals(wrong + 2, todays("password", "FAILED", "wrong-password"));

    HtmlPage dashboard = admin.open("/admin");
    assertEquals(count("SELECT COUNT(*) FROM account"), number(dashboard, "accounts-total"));
    assertEquals(
        count("SELECT COUNT(*) FROM account WHERE status = 'DISABLED'"),
        number(dashboard, "accounts-disabled"));
    assertEquals(
        count(
            "SELECT COUNT(*) FROM account WHERE last_sign_in_at >= ?",
            Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC).minusDays(7))),
        number(dashboard, "accounts-active-7"));
    DomElement todayRow = dashboard.getFirstByXPath("//tr[@class='sign-in-day']");
    assertTrue(todayRow.getTextContent().contains(today.toString()));
    assertEquals(
        count(
            "SELECT SUM(attempts) FROM sign_in_day WHERE count_day = ?",
            java.sql.Date.valueOf(today)),
        Long.parseLong(
            ((DomElement) todayRow.getFirstByXPath("td[@class='day-total']")).getTextContent()));
    assertTrue(dashboard.getElementById("failures").getTextContent().contains("Wrong password"));
    assertTrue(dashboard.getElementById("sign-in-chart") != null, "the chart");
    assertTrue(
        dashboard.getElementById("chart-legend").getTextContent().contains("Password · succeeded"));
    assertTrue(
        dashboard
            .getElementById("audit-failed")
            .getAttribute("href")
            .contains("type=SIGN_IN_FAILED"));
  }

  // Export -------------------------------------------------------------------------------------

  @Test
  void theAuditLogExportsItsWholeFilterAsCsvAndAuditsIt() {
    long target = 880_000_000L + (long) (Math.random() * 1_000_000);
    List<Object[]> rows = new ArrayList<>();
    Instant start = Instant.now().minusSeconds(3_600);
    for (int i = 0; i < 1_201; i++) {
      rows.add(
          new Object[] {
            target * 10_000 + i,
            Timestamp.from(start.plusMillis(i)),
            target,
            i == 1_200 ? "=HYPERLINK(\"http://evil.test\")" : "row-" + i + "@example.test"
          });
    }
    TestDatabase.batch(
        "INSERT INTO audit_entry (id, occurred_at, target_account_id, target_email, event_type,"
            + " detail) VALUES (?, ?, ?, ?, 'SIGN_IN_FAILED', 'password: no such account')",
        rows);
    long exportsBefore =
        count("SELECT COUNT(*) FROM audit_entry WHERE event_type = 'AUDIT_EXPORTED'");

    HtmlPage log = admin.open("/admin/audit?account=" + target);
    assertTrue(
        log.getElementById("audit-export")
            .getAttribute("href")
            .endsWith("audit.csv?account=" + target));
    var response = admin.get("/admin/audit.csv?account=" + target).getWebResponse();
    assertEquals(200, response.getStatusCode());
    assertTrue(response.getContentType().startsWith("text/csv"), response.getContentType());
    String[] lines = response.getContentAsString().split("\r\n");
    assertEquals(1 + 1_201, lines.length, "every entry of the filter, over several batches");
    assertTrue(lines[0].startsWith("occurred_at,event,"));
    assertTrue(
        lines[1].contains("\"'=HYPERLINK(\"\"http://evil.test\"\")\""),
        "newest first, defused: " + lines[1]);
    assertTrue(lines[1_201].contains("row-0@example.test"));
    assertEquals(
        exportsBefore + 1,
        count("SELECT COUNT(*) FROM audit_entry WHERE event_type = 'AUDIT_EXPORTED'"));
    assertEquals(
        1,
        count(
            "SELECT COUNT(*) FROM audit_entry WHERE event_type = 'AUDIT_EXPORTED'"
                + " AND actor_account_id = ? AND detail = ?",
            id(ADMIN),
            "filter: account=" + target));

    Browser user = admin.another();
    String email = uniqueEmail();
    register(user, email, "Not An Admin");
    signIn(user, email, PASSWORD);
    assertEquals(403, user.get("/admin/audit.csv").getWebResponse().getStatusCode());
    assertTrue(admin.another().get("/admin/audit.csv").getUrl().getPath().endsWith("/login"));
  }

  // Accessibility beyond axe -------------------------------------------------------------------

  @Test
  void fieldErrorsAreTiedToTheirFieldsAndMessagesAreAnnounced() {
    Browser anonymous = admin.another();
    HtmlPage refused =
        anonymous.submit("/login", "login", Map.of("email", "", "password", ""), "submit");
    DomElement email = refused.getElementById("login:email");
    assertEquals("true", email.getAttribute("aria-invalid"));
    DomElement error = refused.getElementById(email.getAttribute("aria-describedby"));
    assertEquals("alert", error.getAttribute("role"));
    assertTrue(error.getTextContent().contains("please fill in"), error.getTextContent());

    HtmlPage wrong = signIn(anonymous, uniqueEmail(), "wrong password");
    assertEquals("alert", wrong.getElementById("announcements").getAttribute("role"));
    assertTrue(wrong.getElementById("announcements").getTextContent().contains("incorrect"));
    assertEquals(
        "", wrong.getElementById("login:email").getAttribute("aria-invalid"), "no field error");

    HtmlPage sorted = admin.open("/admin/users?sort=name&dir=desc");
    DomElement header = (DomElement) sorted.getElementById("sort-name").getParentNode();
    assertEquals("descending", header.getAttribute("aria-sort"));
    DomElement other = (DomElement) sorted.getElementById("sort-email").getParentNode();
    assertEquals(DomElement.ATTRIBUTE_NOT_DEFINED, other.getAttribute("aria-sort"));
    assertEquals("zh-CN", sorted.getElementById("language:zh").getAttribute("lang"));
  }

  // Helpers -----------------------------------------------------------------------------------

  private static List<DomElement> times(HtmlPage page) {
    List<DomElement> times = new ArrayList<>();
    page.getByXPath("//main//time").forEach(t -> times.add((DomElement) t));
    return times;
  }

  private static long todays(String method, String outcome, String reason) {
    return count(
        "SELECT COALESCE(SUM(attempts), 0) FROM sign_in_day"
            + " WHERE count_day = ? AND method = ? AND outcome = ? AND reason = ?",
        java.sql.Date.valueOf(LocalDate.now(ZoneOffset.UTC)),
        method,
        outcome,
        reason);
  }

  private static long number(HtmlPage page, String id) {
    return Long.parseLong(page.getElementById(id).getTextContent().replaceAll("[^0-9]", ""));
  }

  private static long id(String email) {
    return ((Number) accountIds(email).get(0)).longValue();
  }
}
