package io.latchkey.interfaces.web;

import static io.latchkey.testing.Flows.PASSWORD;
import static io.latchkey.testing.Flows.assertAt;
import static io.latchkey.testing.Flows.connect;
import static io.latchkey.testing.Flows.count;
import static io.latchkey.testing.Flows.html;
import static io.latchkey.testing.Flows.identityId;
import static io.latchkey.testing.Flows.messagesOf;
import static io.latchkey.testing.Flows.person;
import static io.latchkey.testing.Flows.signInWithProvider;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.testing.Browser;
import io.latchkey.testing.Deployments;
import io.latchkey.testing.Flows;
import io.latchkey.testing.ItProvider;
import io.latchkey.testing.ItServer;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.provider.Login;
import io.latchkey.testing.provider.TestProvider;
import io.latchkey.testing.provider.TestProvider.DriveFailure;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Connect Google Drive" end to end, against the project's controllable provider, which also plays
 * the Drive API (it accepts only access tokens it issued, with the Drive scope). Like Google, its
 * discovery document lists only {@code openid email profile} in {@code scopes_supported}: the
 * connect flow works anyway, because its scopes never enter the mechanism's configuration.
 */
@ExtendWith({TestDatabase.class, ItProvider.class, ArquillianExtension.class})
@RunAsClient
class ApiGrantsIT {

  private static final String DRIVE_SCOPE = TestProvider.DRIVE_SCOPE;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.packagedWar();
  }

  @RegisterExtension Browser browser = new Browser();

  private final TestProvider provider = ItProvider.provider();

  /**
   * The server's log lines of this class's run: the adapter copies the server's output to this
   * JVM's standard output, line by line, so a copy is kept from here on.
   */
  private static final ByteArrayOutputStream serverOutput = new ByteArrayOutputStream();

  @BeforeAll
  static void copyServerOutput() {
    PrintStream original = System.out;
    System.setOut(
        new PrintStream(
            new OutputStream() {
              @Override
              public void write(int b) {
                original.write(b);
                synchronized (serverOutput) {
                  serverOutput.write(b);
                }
              }

              @Override
              public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                synchronized (serverOutput) {
                  serverOutput.write(bytes, offset, length);
                }
              }
            },
            true,
            StandardCharsets.UTF_8));
  }

  private static String serverLog() {
    synchronized (serverOutput) {
      return serverOutput.toString(StandardCharsets.UTF_8);
    }
  }

  /** Every page the test's browser saw, to check that no token ever reached one. */
  private final List<String> seen = new ArrayList<>();

  @BeforeEach
  void openBrowser() {
    browser.at(ItServer.url());
    provider.clearLogins();
    resetProvider();
  }

  @AfterEach
  void resetProvider() {
    provider.setDriveFailure(DriveFailure.NONE);
    provider.setRevocationAvailable(true);
    provider.setRefreshDelay(Duration.ZERO);
    provider.setRotateRefreshTokens(false);
    provider.failNextRefreshes(0, "invalid_grant");
  }

  // Connect, list, refresh, disconnect -------------------------------------------------------

  @Test
  void connectAsksOnlyForTheApiScopesListsTheFilesRefreshesAndDisconnectsAtBothEnds() {
    Login login = person("Drive User");
    seen(signInWithProvider(browser, provider, login));
    long identity = identityId(provider, login);
    HtmlPage account = seen(browser.open("/account"));
    assertTrue(
        account.getElementById("apis").asNormalizedText().contains("Google Drive"),
        account.asNormalizedText());

    HtmlPage connected = seen(connect(browser, provider, identity, login));

    assertAt(connected, "/account");
    assertTrue(
        connected.getElementById("notice").asNormalizedText().contains("Google Drive is connected"),
        connected.asNormalizedText());
    Map<String, String> asked = provider.lastAuthorizationRequest();
    assertEquals("openid " + DRIVE_SCOPE + " offline_access", asked.get("scope"));
    assertNotNull(asked.get("code_challenge"), "PKCE as for a sign-in");
    assertEquals(1, grants(login), "one grant, for this identity");
    assertEquals(
        DRIVE_SCOPE + " openid",
        TestDatabase.value("SELECT scopes FROM api_grant WHERE identity_id = ?", identity)
            .orElseThrow());
    String refreshToken = lastRefreshToken();
    assertSealed(identity, refreshToken);
    assertEquals(1, TestDatabase.auditCount("API_CONNECTED", login.email()));

    int refreshes = provider.calls("refresh");
    HtmlPage files = seen(html(browser.click(browser.open("/account"), "files-" + identity)));
    assertAt(files, "/account/drive");
    assertEquals(
        List.of(
            "Report 12.docx",
            "Report 11.docx",
            "Report 10.docx",
            "Report 9.docx",
            "Report 8.docx",
            "Report 7.docx",
            "Report 6.docx",
            "Report 5.docx",
            "Report 4.docx",
            "Report 3.docx"),
        fileNames(files));
    assertEquals("modifiedTime desc", provider.lastDriveQuery().get("orderBy"));
    assertEquals("10", provider.lastDriveQuery().get("pageSize"));
    assertEquals(
        "files(id,name,modifiedTime,webViewLink)", provider.lastDriveQuery().get("fields"));
    assertEquals(refreshes, provider.calls("refresh"), "the connect flow's access token is used");

    provider.expireAccessTokens();
    assertEquals(10, fileNames(seen(html(browser.getAbsolute(files.getUrl().toString())))).size());
    assertEquals(refreshes + 1, provider.calls("refresh"), "an expired token is refreshed once");
    assertEquals(10, fileNames(seen(html(browser.getAbsolute(files.getUrl().toString())))).size());
    assertEquals(refreshes + 1, provider.calls("refresh"), "and the fresh one kept in memory");
    assertTrue(
        TestDatabase.value("SELECT last_used_at FROM api_grant WHERE identity_id = ?", identity)
            .isPresent());

    HtmlPage disconnected =
        seen(
            browser.submit(
                browser.open("/account"), "connectable:0:disconnect", Map.of(), "submit"));

    assertTrue(messagesOf(disconnected).contains("Disconnected"), messagesOf(disconnected));
    assertEquals(0, grants(login), "the row is gone at once");
    eventually(() -> !provider.isRefreshTokenActive(refreshToken), "revoked at the provider");
    assertEquals(1, TestDatabase.auditCount("API_DISCONNECTED", login.email()));
    HtmlPage afterwards = seen(html(browser.getAbsolute(files.getUrl().toString())));
    assertTrue(
        afterwards.getElementById("drive-problem").asNormalizedText().contains("not connected"));
    assertNoTokenIn(provider, seen);
  }

  @Test
  void aRotatedRefreshTokenReplacesTheStoredOne() {
    Login login = person("Rotation");
    long identity = signedInAndConnected(login);
    String first = lastRefreshToken();
    provider.setRotateRefreshTokens(true);
    provider.expireAccessTokens();

    assertEquals(10, fileNames(drivePage(identity)).size());

    String rotated = lastRefreshToken();
    assertFalse(rotated.equals(first), "the provider rotated it");
    assertFalse(provider.isRefreshTokenActive(first));
    assertSealed(identity, rotated);
    provider.expireAccessTokens();
    assertEquals(10, fileNames(drivePage(identity)).size(), "the rotated token refreshes again");
  }

  @Test
  void twoRequestsThatNeedARefreshAtOnceCauseOneRefreshCall() throws Exception {
    Login login = person("Concurrent");
    long identity = signedInAndConnected(login);
    URI drive = URI.create(drivePage(identity).getUrl().toString());
    provider.expireAccessTokens();
    provider.setRefreshDelay(Duration.ofMillis(800));
    provider.setRotateRefreshTokens(true);
    int refreshes = provider.calls("refresh");

    HttpClient client = HttpClient.newHttpClient();
    String cookie = "JSESSIONID=" + browser.cookie("JSESSIONID").orElseThrow().getValue();
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<String>> pages = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        pages.add(
            pool.submit(
                () -> {
                  together.await(10, TimeUnit.SECONDS);
                  return client
                      .send(
                          HttpRequest.newBuilder(drive)
                              .header("Cookie", cookie)
                              .timeout(Duration.ofSeconds(30))
                              .build(),
                          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                      .body();
                }));
      }
      for (Future<String> page : pages) {
        String body = page.get(60, TimeUnit.SECONDS);
        assertTrue(body.contains("Report 12.docx"), body);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(refreshes + 1, provider.calls("refresh"), "one refresh for both requests");
  }

  // When the provider or the API says no ------------------------------------------------------

  @Test
  void aRefusedRefreshTokenMarksTheGrantRevokedAndOffersToReconnect() {
    Login login = person("Invalid Grant");
    long identity = signedInAndConnected(login);
    HtmlPage drive = drivePage(identity);
    provider.expireAccessTokens();
    provider.failNextRefreshes(1, "invalid_grant");

    drive = seen(html(browser.getAbsolute(drive.getUrl().toString())));

    assertTrue(
        drive.getElementById("drive-problem").asNormalizedText().contains("Connect it again"),
        drive.asNormalizedText());
    assertEquals(1, TestDatabase.auditCount("API_GRANT_LOST", login.email()));
    assertEquals(
        0L,
        count(
            "SELECT COUNT(*) FROM api_grant WHERE identity_id = ? AND sealed_token IS NOT NULL",
            identity),
        "the refused token is not kept");
    HtmlPage account = browser.open("/account");
    assertNotNull(account.getFirstByXPath("//p[contains(@class,'api-revoked')]"));
    assertNotNull(account.getElementById("connect-" + identity), "offered to connect again");

    int refreshes = provider.calls("refresh");
    assertNotNull(
        html(browser.getAbsolute(drive.getUrl().toString())).getElementById("drive-problem"));
    assertEquals(refreshes, provider.calls("refresh"), "a revoked grant is not tried again");

    HtmlPage reconnected = connect(browser, provider, identity, login);
    assertTrue(reconnected.getElementById("notice").asNormalizedText().contains("is connected"));
    assertEquals(10, fileNames(drivePage(identity)).size());
  }

  @Test
  void anApiThatRefusesFailsOrHangsGivesAClearMessage() {
    Login login = person("API Trouble");
    long identity = signedInAndConnected(login);

    provider.setDriveFailure(DriveFailure.UNAUTHORIZED);
    int refreshes = provider.calls("refresh");
    HtmlPage refused = drivePage(identity);
    assertTrue(
        refused.getElementById("drive-problem").asNormalizedText().contains("Connect it again"),
        refused.asNormalizedText());
    assertEquals(refreshes + 1, provider.calls("refresh"), "a 401 refreshes once, then stops");
    assertEquals(1, TestDatabase.auditCount("API_REFRESH_FAILED", login.email()));

    provider.setDriveFailure(DriveFailure.SERVER_ERROR);
    HtmlPage failing = drivePage(identity);
    assertEquals(200, failing.getWebResponse().getStatusCode());
    assertTrue(
        failing.getElementById("drive-problem").asNormalizedText().contains("did not answer"));

    provider.setHangDuration(Duration.ofSeconds(20));
    provider.setDriveFailure(DriveFailure.HANG);
    long started = System.nanoTime();
    HtmlPage hanging = drivePage(identity);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    assertEquals(200, hanging.getWebResponse().getStatusCode());
    assertTrue(
        hanging.getElementById("drive-problem").asNormalizedText().contains("did not answer"));
    assertTrue(seconds < 15, "answered within the read timeout, not after the hang: " + seconds);
    provider.setHangDuration(Duration.ofSeconds(60));
  }

  @Test
  void aCallbackForAnotherIdentityConnectsNothing() {
    Login login = person("Intended");
    signInWithProvider(browser, provider, login);
    long identity = identityId(provider, login);
    Login someoneElse = person("Someone Else");

    HtmlPage refused = connect(browser, provider, identity, someoneElse);

    assertAt(refused, "/sign-in-problem");
    assertEquals(0, grants(login));
    assertEquals(0, grants(someoneElse));
    assertTrue(Flows.linkedAccount(provider, someoneElse).isEmpty(), "nor linked");
    assertTrue(Flows.isSignedIn(browser), "the session carries on");
  }

  @Test
  void unlinkingTheIdentityRevokesItsGrantAndAFailedRevocationIsAudited() {
    String email = Flows.uniqueEmail();
    Flows.register(browser, email, "Has Password");
    Flows.signIn(browser, email, PASSWORD);
    Login login = person("Linked Later");
    assertAt(Flows.link(browser, provider, login), "/account");
    long identity = identityId(provider, login);
    connect(browser, provider, identity, login);
    String refreshToken = lastRefreshToken();

    HtmlPage unlinked =
        browser.submit(browser.open("/account"), "identities:0:unlink", Map.of(), "submit");

    assertTrue(messagesOf(unlinked).length() > 0, unlinked.asNormalizedText());
    assertEquals(0L, count("SELECT COUNT(*) FROM api_grant WHERE identity_id = ?", identity));
    eventually(() -> !provider.isRefreshTokenActive(refreshToken), "revoked at the provider");

    Login again = person("Linked Again");
    assertAt(Flows.link(browser, provider, again), "/account");
    long second = identityId(provider, again);
    connect(browser, provider, second, again);
    String kept = lastRefreshToken();
    provider.setRevocationAvailable(false);

    browser.submit(browser.open("/account"), "connectable:0:disconnect", Map.of(), "submit");

    assertEquals(0L, count("SELECT COUNT(*) FROM api_grant WHERE identity_id = ?", second));
    eventually(
        () -> TestDatabase.auditCount("API_REVOCATION_FAILED", email) == 1,
        "the failed revocation is audited");
    assertTrue(provider.isRefreshTokenActive(kept), "the provider was not reached");
    eventually(
        () -> serverLog().contains("could not be revoked at the provider"),
        "the failure is logged (and this test reads the server's log)");
  }

  @Test
  void deletingTheAccountRevokesItsGrantsEndsItsSessionsAndSignsOut() {
    Login login = person("Leaving User");
    long identity = signedInAndConnected(login);
    String refreshToken = lastRefreshToken();
    long account = Flows.accountId(login.email());

    HtmlPage unticked =
        browser.submit(browser.open("/account"), "deleteAccount", Map.of(), "submit");

    String describedBy =
        unticked.getElementById("deleteAccount:understood").getAttribute("aria-describedby");
    assertFalse(describedBy.isEmpty(), "the box names its error");
    assertTrue(
        unticked.getElementById(describedBy).asNormalizedText().contains("Tick the box"),
        unticked.asNormalizedText());
    assertEquals(1L, count("SELECT COUNT(*) FROM account WHERE id = ?", account), "still there");

    HtmlPage page = browser.open("/account");
    ((HtmlCheckBoxInput) page.getElementById("deleteAccount:understood")).setChecked(true);
    HtmlPage deleted = browser.submit(page, "deleteAccount", Map.of(), "submit");

    assertAt(deleted, "/login");
    assertTrue(
        deleted
            .getElementById("account-deleted")
            .asNormalizedText()
            .contains("account was deleted"),
        deleted.asNormalizedText());
    assertFalse(Flows.isSignedIn(browser), "signed out");
    assertEquals(0L, count("SELECT COUNT(*) FROM account WHERE id = ?", account));
    assertEquals(0L, count("SELECT COUNT(*) FROM linked_identity WHERE account_id = ?", account));
    assertEquals(0L, count("SELECT COUNT(*) FROM session_record WHERE account_id = ?", account));
    assertEquals(0L, count("SELECT COUNT(*) FROM api_grant WHERE account_id = ?", account));
    eventually(() -> !provider.isRefreshTokenActive(refreshToken), "revoked at the provider");
    assertEquals(
        1L,
        count(
            "SELECT COUNT(*) FROM audit_entry WHERE event_type = 'ACCOUNT_DELETED'"
                + " AND target_account_id = ? AND actor_account_id = ?",
            account,
            account),
        "audited as the owner's own deletion");
  }

  /** After every test of the class: no token the provider issued is in a line the server logged. */
  @AfterAll
  static void noTokenInTheServerLog() {
    assertNoTokenIn(ItProvider.provider(), List.of(serverLog()));
  }

  // Helpers ------------------------------------------------------------------------------------

  /** Signs {@code login} in at the provider and connects the API for that identity. */
  private long signedInAndConnected(Login login) {
    signInWithProvider(browser, provider, login);
    long identity = identityId(provider, login);
    connect(browser, provider, identity, login);
    return identity;
  }

  private HtmlPage drivePage(long identity) {
    return seen(html(browser.click(browser.open("/account"), "files-" + identity)));
  }

  private HtmlPage seen(HtmlPage page) {
    seen.add(page.getUrl().toString());
    seen.add(page.getWebResponse().getContentAsString());
    return page;
  }

  private static List<String> fileNames(HtmlPage page) {
    List<String> names = new ArrayList<>();
    for (Object cell : page.getByXPath("//tr[@class='drive-file']//*[@class='drive-file-name']")) {
      names.add(((HtmlElement) cell).asNormalizedText());
    }
    return names;
  }

  private static long grants(Login login) {
    return count(
        "SELECT COUNT(*) FROM api_grant g JOIN linked_identity i ON i.id = g.identity_id"
            + " WHERE i.subject = ?",
        login.subject());
  }

  private String lastRefreshToken() {
    List<String> issued = provider.issuedRefreshTokens();
    return issued.get(issued.size() - 1);
  }

  /** The row holds the token only sealed: not in its bytes, not in any other column either. */
  private static void assertSealed(long identity, String refreshToken) {
    List<Object> row =
        TestDatabase.column(
            "SELECT CONCAT_WS('|', id, scopes, key_id, sealed_token) FROM api_grant"
                + " WHERE identity_id = ?",
            identity);
    assertEquals(1, row.size());
    String raw = (String) row.get(0);
    assertFalse(raw.contains(refreshToken), "no plaintext refresh token in the row");
    assertFalse(
        raw.contains(
            java.util.Base64.getEncoder()
                .encodeToString(refreshToken.getBytes(StandardCharsets.UTF_8))),
        "nor its base64");
    String keyId =
        (String)
            TestDatabase.value("SELECT key_id FROM api_grant WHERE identity_id = ?", identity)
                .orElseThrow();
    assertTrue(keyId.matches("[0-9a-f]{16}"), keyId);
    assertNull(
        TestDatabase.value("SELECT revoked_at FROM api_grant WHERE identity_id = ?", identity)
            .orElse(null));
  }

  private static void assertNoTokenIn(TestProvider provider, List<String> texts) {
    List<String> tokens = new ArrayList<>(provider.issuedRefreshTokens());
    tokens.addAll(provider.issuedAccessTokens());
    for (String text : texts) {
      for (String token : tokens) {
        assertFalse(text.contains(token), "a token reached a page or URL");
      }
    }
  }

  private static void eventually(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 10 s: " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
