package io.latchkey.interfaces.web;

import static io.latchkey.testing.Flows.PASSWORD;
import static io.latchkey.testing.Flows.assertAt;
import static io.latchkey.testing.Flows.count;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.testing.AtOnce;
import io.latchkey.testing.Browser;
import io.latchkey.testing.Deployments;
import io.latchkey.testing.Flows;
import io.latchkey.testing.ItProvider;
import io.latchkey.testing.ItServer;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.provider.Login;
import io.latchkey.testing.provider.TestProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Binding a provider identity to an existing password account, and managing connected identities,
 * through the real pages: {@code /link}, {@code /account}, {@code /account/confirm}. (Auto-link and
 * stale authentication need other settings: {@code AccountLinkingPolicyIT}.)
 */
@ExtendWith({TestDatabase.class, ItProvider.class, ArquillianExtension.class})
@RunAsClient
class AccountLinkingIT {

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
  }

  // /link -------------------------------------------------------------------------------------

  @Test
  void theRightPasswordLinksSignsInAndEndsEveryOtherSession() {
    String email = uniqueEmail();
    Browser laptop = browser.another();
    register(laptop, email, "Carol Owner");
    signIn(laptop, email, PASSWORD);
    Login google = person("Carol at Provider").withEmail(email);

    HtmlPage link = signInWithProvider(browser, provider, google);
    assertAt(link, "/link");
    assertEquals(email, link.getElementById("link-account-email").getTextContent());
    String before = browser.cookie("JSESSIONID").orElseThrow().getValue();

    HtmlPage account = browser.submit(link, "link", Map.of("password", PASSWORD), "submit");
    assertAt(account, "/account");
    assertTrue(account.getElementById("notice").getTextContent().contains("now linked"));
    assertEquals(email, account.getElementById("email").getTextContent());
    assertNotEquals(
        before, browser.cookie("JSESSIONID").orElseThrow().getValue(), "new session id");
    assertEquals(accountIdsOf(email), linkedAccount(provider, google));
    assertEquals(1, TestDatabase.auditCount("IDENTITY_LINKED", email));
    assertFalse(isSignedIn(laptop), "the earlier session of the account ended");

    Flows.signOut(browser);
    assertAt(signInWithProvider(browser, provider, google), "/account");
  }

  @Test
  void aWrongPasswordLinksNothingAndCountsAsAFailedSignIn() {
    String email = uniqueEmail();
    register(browser.another(), email, "Wrong Guess");
    Login google = person("Guesser").withEmail(email);

    HtmlPage link = signInWithProvider(browser, provider, google);
    HtmlPage refused =
        browser.submit(link, "link", Map.of("password", "not the password"), "submit");
    assertAt(refused, "/link");
    assertTrue(messagesOf(refused).contains("Nothing was linked"), messagesOf(refused));
    assertEquals(List.of(), linkedAccount(provider, google));
    assertEquals(1, count("SELECT failed_sign_ins FROM account WHERE email = ?", email));
    assertFalse(isSignedIn(browser));
  }

  @Test
  void cancelLinksNothingWritesNothingAndSignsNobodyIn() {
    String email = uniqueEmail();
    register(browser.another(), email, "Cancel Me");
    Login google = person("Canceller").withEmail(email);
    HtmlPage link = signInWithProvider(browser, provider, google);
    long auditBefore = auditEntriesOf(email);

    HtmlPage login = browser.submit(link, "link", Map.of(), "cancel");
    assertAt(login, "/login");
    assertTrue(login.getElementById("link-cancelled") != null);
    assertEquals(List.of(), linkedAccount(provider, google));
    assertEquals(auditBefore, auditEntriesOf(email), "nothing written");
    assertFalse(isSignedIn(browser));
    assertTrue(browser.open("/link").getElementById("no-pending-link") != null);
  }

  @Test
  void aPendingLinkCannotBeCompletedFromAnotherCookieJar() throws Exception {
    String email = uniqueEmail();
    register(browser.another(), email, "Victim");
    Login google = person("Victim at Provider").withEmail(email);
    HtmlPage link = signInWithProvider(browser, provider, google);
    String victimsPendingId = value(link, "link:pendingId");

    Browser attacker = browser.another();
    assertTrue(attacker.open("/link").getElementById("no-pending-link") != null);
    // The attacker's own valid form (a pending link of their own), carrying the victim's pending
    // id and the password of the victim's account: were pending links looked up by id rather
    // than in the browser's own session, this would link the victim's identity and sign in.
    String attackersEmail = uniqueEmail();
    register(attacker.another(), attackersEmail, "Attacker");
    Login attackersIdentity = person("Attacker").withEmail(attackersEmail);
    HtmlPage own = signInWithProvider(attacker, provider, attackersIdentity);
    assertAt(own, "/link");
    HtmlPage answered =
        attacker.submit(
            own, "link", Map.of("pendingId", victimsPendingId, "password", PASSWORD), "submit");

    assertTrue(messagesOf(answered).contains("out of date"), messagesOf(answered));
    assertEquals(List.of(), linkedAccount(provider, google));
    assertEquals(List.of(), linkedAccount(provider, attackersIdentity));
    assertFalse(isSignedIn(attacker));
  }

  @Test
  void aTamperedOrReplayedLinkFormChangesNothing() {
    String email = uniqueEmail();
    register(browser.another(), email, "Tamper Target");
    Login google = person("Tamperer").withEmail(email);
    HtmlPage link = signInWithProvider(browser, provider, google);

    link.getElementById("link:pendingId").setAttribute("value", "tampered");
    HtmlPage tampered = browser.submit(link, "link", Map.of("password", PASSWORD), "submit");
    assertTrue(messagesOf(tampered).contains("out of date"), messagesOf(tampered));
    assertEquals(List.of(), linkedAccount(provider, google));

    HtmlPage fresh = browser.open("/link");
    assertAt(browser.submit(fresh, "link", Map.of("password", PASSWORD), "submit"), "/account");
    HtmlPage replayed = browser.submit(fresh, "link", Map.of("password", PASSWORD), "submit");
    assertEquals(200, replayed.getWebResponse().getStatusCode());
    assertEquals(1, TestDatabase.auditCount("IDENTITY_LINKED", email), "linked once");
  }

  // /account: connect, unlink, set a password -------------------------------------------------

  @Test
  void aSignedInUserConnectsAndRemovesAnIdentity() {
    String email = uniqueEmail();
    register(browser, email, "Connector");
    signIn(browser, email, PASSWORD);
    Login work = person("Work Identity");

    HtmlPage connected = Flows.link(browser, provider, work);
    assertAt(connected, "/account");
    assertTrue(connected.getElementById("notice").getTextContent().contains("now linked"));
    assertTrue(connected.getElementById("methods").getTextContent().contains(work.email()));
    assertEquals(accountIdsOf(email), linkedAccount(provider, work));

    HtmlPage removed = browser.submit(connected, "identities:0:unlink", Map.of(), "submit");
    assertTrue(messagesOf(removed).contains("removed"), messagesOf(removed));
    assertEquals(List.of(), linkedAccount(provider, work));
    assertEquals(1, TestDatabase.auditCount("IDENTITY_UNLINKED", email));
    assertTrue(isSignedIn(browser));
  }

  @Test
  void anIdentityLinkedElsewhereIsRefusedAndNeverMoves() {
    Login taken = person("Someone Else");
    signInWithProvider(browser.another(), provider, taken);
    List<Object> owner = linkedAccount(provider, taken);

    String email = uniqueEmail();
    register(browser, email, "Would-be Thief");
    signIn(browser, email, PASSWORD);
    HtmlPage refused = Flows.link(browser, provider, taken);
    assertAt(refused, "/account");
    assertTrue(refused.getElementById("notice").getTextContent().contains("another account"));
    assertEquals(owner, linkedAccount(provider, taken), "still linked to its owner");
    assertEquals(1, TestDatabase.auditCount("IDENTITY_LINK_REFUSED", email));
    assertTrue(isSignedIn(browser), "still signed in");
  }

  @Test
  void theLastSignInMethodCannotBeRemovedButAPasswordCanBeSet() {
    Login only = person("Provider Only");
    HtmlPage account = signInWithProvider(browser, provider, only);

    HtmlPage refused = browser.submit(account, "identities:0:unlink", Map.of(), "submit");
    assertTrue(messagesOf(refused).contains("only way to sign in"), messagesOf(refused));
    assertEquals(1, linkedAccount(provider, only).size());

    HtmlPage set =
        browser.submit(
            "/account",
            "setPassword",
            Map.of("newPassword", "my own passphrase", "newPasswordAgain", "my own passphrase"),
            "submit");
    assertTrue(messagesOf(set).contains("password has been set"), messagesOf(set));
    assertEquals(1, TestDatabase.auditCount("PASSWORD_SET", only.email()));

    Flows.signOut(browser);
    assertAt(signIn(browser, only.email(), "my own passphrase"), "/account");
    HtmlPage nowRemovable = browser.submit("/account", "identities:0:unlink", Map.of(), "submit");
    assertTrue(messagesOf(nowRemovable).contains("removed"), messagesOf(nowRemovable));
  }

  // Helpers -----------------------------------------------------------------------------------

  private static List<Object> accountIdsOf(String email) {
    return Flows.accountIds(email);
  }

  private static long auditEntriesOf(String email) {
    return count("SELECT COUNT(*) FROM audit_entry WHERE target_email = ?", email);
  }

  private static String value(HtmlPage page, String id) {
    return page.getElementById(id).getAttribute("value");
  }

  /**
   * The /link form sent twice at once (a double click, two tabs of one session): the identity is
   * linked once, one answer is the account page, the other leads where the first one left the
   * session; no HTTP 500.
   */
  @Test
  void aDoubleSubmittedLinkLinksOnceAndAnswersBothClearly() throws Exception {
    String email = uniqueEmail();
    register(browser, email, "Double Clicker");
    Login google = person("Double Clicker at Provider").withEmail(email);
    HtmlPage first = signInWithProvider(browser, provider, google);
    assertAt(first, "/link");
    Browser otherTab = browser.another();
    otherTab.cookies().addCookie(browser.cookie("JSESSIONID").orElseThrow());
    HtmlPage second = otherTab.open("/link");
    assertAt(second, "/link");

    List<HtmlPage> answers =
        AtOnce.run(
            () -> browser.submit(first, "link", Map.of("password", PASSWORD), "submit"),
            () -> otherTab.submit(second, "link", Map.of("password", PASSWORD), "submit"));
    // The first to arrive links and signs in under a new session id; the second waits for it and
    // follows the first's answer, which for this tab (still holding the old id) is the sign-in
    // page.
    List<String> landedOn = new ArrayList<>();
    for (HtmlPage page : answers) {
      assertEquals(200, page.getWebResponse().getStatusCode(), page.getUrl().toString());
      String path = page.getUrl().getPath();
      landedOn.add(path.substring(path.lastIndexOf('/')));
    }
    landedOn.sort(null);
    assertEquals(List.of("/account", "/login"), landedOn);
    assertEquals(Flows.accountIds(email), linkedAccount(provider, google));
    assertEquals(1, TestDatabase.auditCount("IDENTITY_LINKED", email));
  }
}
