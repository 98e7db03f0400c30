package io.latchkey.interfaces.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.testing.Browser;
import io.latchkey.testing.Deployments;
import io.latchkey.testing.Flows;
import io.latchkey.testing.ItProvider;
import io.latchkey.testing.ItServer;
import io.latchkey.testing.TestDatabase;
import java.net.URL;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.htmlunit.Page;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Email/password accounts end to end, through the real pages of the packaged WAR on Payara Micro:
 * what the user sees, and what the database holds afterwards.
 */
@ExtendWith({TestDatabase.class, ItProvider.class, ArquillianExtension.class})
@RunAsClient
class AccountsIT {

  private static final String PASSWORD = "correct horse battery staple";
  private static final String GENERIC_FAILURE = "The email or password is incorrect.";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.packagedWar();
  }

  @ArquillianResource URL baseUrl;

  @RegisterExtension Browser browser = new Browser();

  @BeforeEach
  void openBrowser() {
    browser.at(baseUrl);
  }

  // Registration and sign-in ------------------------------------------------------------------

  @Test
  void registerSignOutAndSignInAgain() {
    String email = uniqueEmail();
    HtmlPage afterRegistration =
        register(browser, "  " + email.toUpperCase() + " ", "Ada Lovelace");
    assertTrue(afterRegistration.getUrl().getPath().endsWith("/login"));
    assertTrue(afterRegistration.asNormalizedText().contains("Registration received"));
    assertEquals(1L, accountCount(email), "email stored trimmed and lower-cased");

    HtmlPage account = signIn(browser, email, PASSWORD);
    assertTrue(account.getUrl().getPath().endsWith("/account"), account.getUrl().toString());
    assertEquals(email, account.getElementById("email").getTextContent());
    assertEquals("Ada Lovelace", account.getElementById("displayName").getTextContent());

    HtmlPage signedOut = signOut(browser);
    assertTrue(signedOut.getElementById("signed-out").getTextContent().contains("signed out"));
    assertTrue(browser.open("/account").getUrl().getPath().endsWith("/login"));

    assertTrue(signIn(browser, email, PASSWORD).getUrl().getPath().endsWith("/account"));
    assertEquals(1, TestDatabase.auditCount("ACCOUNT_REGISTERED", email));
    assertEquals(2, TestDatabase.auditCount("SIGN_IN_SUCCEEDED", email));
    assertEquals(1, TestDatabase.auditCount("SIGNED_OUT", email));
    assertTrue(
        TestDatabase.value("SELECT last_sign_in_at FROM account WHERE email = ?", email)
            .isPresent());
  }

  @Test
  void storedHashIsPbkdf2WithAtLeast600000Iterations() {
    String email = uniqueEmail();
    register(browser, email, "Hash Check");
    String hash =
        (String)
            TestDatabase.value("SELECT password_hash FROM account WHERE email = ?", email)
                .orElseThrow();
    String[] parts = hash.split(":");
    assertEquals("PBKDF2WithHmacSHA256", parts[0]);
    assertTrue(Integer.parseInt(parts[1]) >= 600_000, hash.substring(0, 30));
    assertFalse(hash.contains(PASSWORD));
  }

  @Test
  void registeringATakenEmailLooksTheSameAndChangesNothing() {
    String email = uniqueEmail();
    register(browser, email, "First Owner");
    HtmlPage second = register(browser.another(), email, "Somebody Else");
    assertTrue(second.asNormalizedText().contains("Registration received"));
    assertEquals(1L, accountCount(email));
    assertEquals(
        "First Owner",
        TestDatabase.value("SELECT display_name FROM account WHERE email = ?", email)
            .orElseThrow());
    assertEquals(1, TestDatabase.auditCount("REGISTRATION_OF_EXISTING_EMAIL", email));
  }

  @Test
  void wrongPasswordAndUnknownEmailGetTheSameMessage() {
    String email = uniqueEmail();
    register(browser, email, "Wrong Password");
    String wrongPassword = messagesOf(signIn(browser, email, "not the password at all"));
    String unknownEmail = messagesOf(signIn(browser, uniqueEmail(), "not the password at all"));
    assertTrue(wrongPassword.contains(GENERIC_FAILURE), wrongPassword);
    assertEquals(wrongPassword, unknownEmail);
    assertEquals(1, TestDatabase.auditCount("SIGN_IN_FAILED", email));
  }

  @Test
  void fiveFailuresPauseSignInButNeverForGood() {
    String email = uniqueEmail();
    register(browser, email, "Throttled");
    for (int i = 0; i < 5; i++) {
      signIn(browser, email, "wrong password " + i);
    }
    HtmlPage refused = signIn(browser, email, PASSWORD);
    assertTrue(messagesOf(refused).contains(GENERIC_FAILURE), "even the right password waits");
    assertEquals(1, TestDatabase.auditCount("SIGN_IN_PAUSED", email));
    assertEquals(1, TestDatabase.auditCount("SIGN_IN_REFUSED", email));
    assertEquals(
        5,
        TestDatabase.value("SELECT failed_sign_ins FROM account WHERE email = ?", email)
            .orElseThrow());

    // The pause ends by itself (here: as if its time had passed); then the owner signs in.
    TestDatabase.update(
        "UPDATE account SET sign_in_paused_until = ? WHERE email = ?",
        Timestamp.from(Instant.now().minusSeconds(3600)),
        email);
    assertTrue(signIn(browser, email, PASSWORD).getUrl().getPath().endsWith("/account"));
    assertEquals(
        0,
        TestDatabase.value("SELECT failed_sign_ins FROM account WHERE email = ?", email)
            .orElseThrow());
  }

  // Sessions ----------------------------------------------------------------------------------

  @Test
  void signInIssuesANewHardenedSessionCookie() {
    String email = uniqueEmail();
    register(browser, email, "Cookie Check");
    assertTrue(browser.cookie("JSESSIONID").isEmpty(), "no session before signing in");
    // A session from before the sign-in (here: a provider sign-in started and left) is replaced.
    String start =
        browser.open("/login").getElementById("continue-with-provider").getAttribute("href");
    browser.followRedirects(false).get(start);
    browser.followRedirects(true);
    String before = browser.cookie("JSESSIONID").orElseThrow().getValue();

    signIn(browser, email, PASSWORD);
    String after = browser.cookie("JSESSIONID").orElseThrow().getValue();
    assertNotEquals(before, after, "the session id changes at sign-in");

    String setCookie =
        browser.setCookieHeaders().stream()
            .filter(h -> h.startsWith("JSESSIONID=" + after))
            .findFirst()
            .orElseThrow();
    assertTrue(setCookie.contains("HttpOnly"), setCookie);
    // Attribute values are case-insensitive (RFC 6265bis); Payara writes "lax".
    String lower = setCookie.toLowerCase(java.util.Locale.ROOT);
    assertTrue(lower.contains("samesite=lax"), setCookie);
    assertFalse(lower.contains("samesite=none"), setCookie);
    assertFalse(setCookie.contains("Secure"), "plain http base URL: " + setCookie);
  }

  @Test
  void afterSignOutTheOldCookieNoLongerWorks() {
    String email = uniqueEmail();
    register(browser, email, "Old Cookie");
    signIn(browser, email, PASSWORD);
    Cookie stolen = browser.cookie("JSESSIONID").orElseThrow();

    signOut(browser);

    Browser replay = browser.another();
    replay.cookies().addCookie(stolen);
    assertTrue(replay.open("/account").getUrl().getPath().endsWith("/login"));
  }

  @Test
  void changingThePasswordEndsTheOtherSessions() {
    String email = uniqueEmail();
    register(browser, email, "Two Devices");
    Browser laptop = browser;
    Browser phone = browser.another();
    signIn(laptop, email, PASSWORD);
    signIn(phone, email, PASSWORD);

    HtmlPage changed =
        laptop.submit(
            "/account",
            "password",
            Map.of(
                "currentPassword", PASSWORD,
                "newPassword", "a brand new passphrase",
                "newPasswordAgain", "a brand new passphrase"),
            "submit");
    assertTrue(messagesOf(changed).contains("Your password has been changed"), messagesOf(changed));
    assertTrue(
        laptop.open("/account").getUrl().getPath().endsWith("/account"), "this session stays");
    assertTrue(phone.open("/account").getUrl().getPath().endsWith("/login"), "the other one ends");

    assertTrue(messagesOf(signIn(phone, email, PASSWORD)).contains(GENERIC_FAILURE));
    assertTrue(
        signIn(phone, email, "a brand new passphrase").getUrl().getPath().endsWith("/account"));
    assertEquals(1, TestDatabase.auditCount("PASSWORD_CHANGED", email));
  }

  /** Twelve sessions: ten listed, this device among them, and a line for the rest. */
  @Test
  void aLongListOfSessionsShowsTheTenMostRecentAndTheRestEndWithTheOthers() {
    String email = uniqueEmail();
    register(browser, email, "Many Devices");
    assertEquals("/account", signIn(browser, email, PASSWORD).getUrl().getPath());
    for (int i = 0; i < 11; i++) {
      signIn(browser.another(), email, PASSWORD);
    }
    HtmlPage account = browser.open("/account");
    assertEquals(10, account.getByXPath("//li[@class='session']").size());
    assertEquals(
        1, account.getByXPath("//li[@class='session']//strong[@class='this-device']").size());
    assertEquals(
        "2 older sessions are not listed; \"End all other sessions\" ends them too.",
        account.getElementById("more-sessions").getTextContent().trim());

    HtmlPage ended = browser.submit(account, "endOthers", Map.of(), "submit");
    assertEquals(1, ended.getByXPath("//li[@class='session']").size());
    assertTrue(ended.getElementById("more-sessions") == null);
    assertEquals(1, sessionRecords(email));
  }

  @Test
  void peopleSeeWhereTheyAreSignedInAndEndTheirOtherSessions() {
    String email = uniqueEmail();
    register(browser, email, "Three Devices");
    Browser laptop = browser.addHeader("User-Agent", LINUX_CHROME);
    Browser phone = browser.another().addHeader("User-Agent", IPHONE_SAFARI);
    Browser tablet = browser.another().addHeader("User-Agent", ANDROID_FIREFOX);
    signIn(laptop, email, PASSWORD);
    signIn(phone, email, PASSWORD);
    signIn(tablet, email, PASSWORD);
    assertEquals(3L, sessionRecords(email));

    HtmlPage page = laptop.open("/account");
    List<String> rows = sessionRows(page);
    assertEquals(3, rows.size(), String.join("\n", rows));
    assertEquals(1, rows.stream().filter(row -> row.contains("This device")).count(), "one marked");
    assertTrue(
        rows.stream().anyMatch(r -> r.contains("Chrome · Linux") && r.contains("This device")),
        String.join("\n", rows));
    assertTrue(rows.stream().anyMatch(r -> r.contains("Safari · iOS")));
    assertTrue(rows.stream().allMatch(r -> r.contains("Password")), "how each signed in");
    assertFalse(page.asXml().contains(laptop.cookie("JSESSIONID").orElseThrow().getValue()));

    HtmlPage ended =
        laptop.submit(page, "session:" + rowOf(rows, "Safari · iOS") + ":end", Map.of(), "submit");
    assertTrue(messagesOf(ended).contains("The session was ended"), messagesOf(ended));
    assertTrue(phone.open("/account").getUrl().getPath().endsWith("/login"), "phone signed out");
    assertTrue(tablet.open("/account").getUrl().getPath().endsWith("/account"), "tablet stays");
    assertEquals(2L, sessionRecords(email));
    assertEquals(1, TestDatabase.auditCount("SESSION_ENDED", email));

    HtmlPage allEnded = laptop.submit("/account", "endOthers", Map.of(), "submit");
    assertTrue(messagesOf(allEnded).contains("other sessions were ended"), messagesOf(allEnded));
    assertTrue(tablet.open("/account").getUrl().getPath().endsWith("/login"), "tablet signed out");
    assertEquals(1, sessionRows(laptop.open("/account")).size());
    assertEquals(1L, sessionRecords(email));

    signOut(laptop);
    assertEquals(0L, sessionRecords(email), "signing out removes the record");
  }

  private static final String LINUX_CHROME =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/131.0.0.0 Safari/537.36";
  private static final String IPHONE_SAFARI =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15"
          + " (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
  private static final String ANDROID_FIREFOX =
      "Mozilla/5.0 (Android 14; Mobile; rv:132.0) Gecko/132.0 Firefox/132.0";

  private static long sessionRecords(String email) {
    return Flows.sessionRecords(email);
  }

  private static List<String> sessionRows(HtmlPage page) {
    return page.querySelectorAll("#sessions li.session").stream()
        .map(row -> row.asNormalizedText().replaceAll("\\s+", " "))
        .toList();
  }

  private static int rowOf(List<String> rows, String device) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).contains(device)) {
        return i;
      }
    }
    throw new AssertionError("no session of " + device + " in " + rows);
  }

  @Test
  void changingThePasswordRequiresTheCurrentOne() {
    String email = uniqueEmail();
    register(browser, email, "Careful");
    signIn(browser, email, PASSWORD);
    HtmlPage refused =
        browser.submit(
            "/account",
            "password",
            Map.of(
                "currentPassword", "not my password",
                "newPassword", "a brand new passphrase",
                "newPasswordAgain", "a brand new passphrase"),
            "submit");
    assertTrue(messagesOf(refused).contains("The current password is incorrect"));
    assertEquals(0, TestDatabase.auditCount("PASSWORD_CHANGED", email));
  }

  /** Guessing the current password on /account is guessing a password: counted and paused. */
  @Test
  void wrongCurrentPasswordsCountLikeFailedSignInsAndArePaused() {
    String email = uniqueEmail();
    register(browser, email, "Guessed At");
    signIn(browser, email, PASSWORD);
    for (int attempt = 1; attempt <= 6; attempt++) {
      browser.submit(
          "/account",
          "password",
          Map.of(
              "currentPassword", "guess number " + attempt,
              "newPassword", "a brand new passphrase",
              "newPasswordAgain", "a brand new passphrase"),
          "submit");
    }
    assertEquals(5, TestDatabase.auditCount("SIGN_IN_FAILED", email));
    assertEquals(1, TestDatabase.auditCount("SIGN_IN_PAUSED", email));
    HtmlPage paused =
        browser.submit(
            "/account",
            "password",
            Map.of(
                "currentPassword", PASSWORD,
                "newPassword", "a brand new passphrase",
                "newPasswordAgain", "a brand new passphrase"),
            "submit");
    assertTrue(messagesOf(paused).contains("The current password is incorrect"));
    assertEquals(0, TestDatabase.auditCount("PASSWORD_CHANGED", email), "not even the right one");
  }

  @Test
  void aDisabledAccountIsSignedOutAndCannotSignIn() throws InterruptedException {
    String email = uniqueEmail();
    register(browser, email, "Soon Disabled");
    signIn(browser, email, PASSWORD);
    // Straight in the database, as another instance would: seen within the 5-second recheck.
    TestDatabase.update("UPDATE account SET status = 'DISABLED' WHERE email = ?", email);
    Instant disabled = Instant.now();
    while (!browser.open("/account").getUrl().getPath().endsWith("/login")) {
      assertTrue(Instant.now().isBefore(disabled.plusSeconds(6)), "signed out within 5 s");
      Thread.sleep(250);
    }
    assertTrue(messagesOf(signIn(browser, email, PASSWORD)).contains("disabled"));
    assertTrue(messagesOf(signIn(browser, email, "wrong password")).contains(GENERIC_FAILURE));
  }

  // Access ------------------------------------------------------------------------------------

  @Test
  void adminPagesNeedTheAdminRole() {
    assertTrue(browser.open("/admin").getUrl().getPath().endsWith("/login"), "anonymous");

    String email = uniqueEmail();
    register(browser, email, "Not Admin");
    signIn(browser, email, PASSWORD);
    for (String path : new String[] {"/admin", "/admin.xhtml", "/admin/users"}) {
      Page forbidden = browser.get(path);
      assertEquals(403, forbidden.getWebResponse().getStatusCode(), path);
      assertTrue(forbidden.getWebResponse().getContentAsString().contains("Not allowed"), path);
    }
  }

  // Pages and input ---------------------------------------------------------------------------

  @Test
  void everyPageCarriesTheSecurityHeaders() {
    for (String path : new String[] {"/", "/login", "/register", "/no-such-page"}) {
      var response = browser.get(path).getWebResponse();
      String csp = response.getResponseHeaderValue("Content-Security-Policy");
      assertTrue(csp.contains("frame-ancestors 'none'"), path + ": " + csp);
      assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
      assertEquals("same-origin", response.getResponseHeaderValue("Referrer-Policy"));
      assertEquals("nosniff", response.getResponseHeaderValue("X-Content-Type-Options"));
      assertEquals("no-store", response.getResponseHeaderValue("Cache-Control"), path);
    }
    HtmlPage page = browser.open("/login");
    assertTrue(page.getByXPath("//script[not(@src)]").isEmpty(), "no inline script");
    assertTrue(page.getElementById("demo-banner") == null, "no demo banner outside the demo");
  }

  /** Hand-made posts that leave fields out get the page with its message, never an HTTP 500. */
  @Test
  void formsPostedWithoutTheirFieldsGetAPageNotAnError() throws Exception {
    String[][] forms = {
      {"/login", "login", "email"},
      {"/register", "register", "email"},
    };
    for (String[] form : forms) {
      HtmlPage page = browser.open(form[0]);
      org.htmlunit.WebRequest post =
          new org.htmlunit.WebRequest(
              new URL(page.getUrl(), form[0]), org.htmlunit.HttpMethod.POST);
      post.setAdditionalHeader("Origin", ItServer.baseUrl());
      post.setRequestParameters(
          java.util.List.of(
              new org.htmlunit.util.NameValuePair(form[1], form[1]),
              new org.htmlunit.util.NameValuePair(form[1] + ":" + form[2], "someone@example.test"),
              new org.htmlunit.util.NameValuePair(form[1] + ":submit", "x"),
              new org.htmlunit.util.NameValuePair(
                  "jakarta.faces.ViewState",
                  page.getElementByName("jakarta.faces.ViewState").getAttribute("value"))));
      Page answered = browser.send(post);
      assertEquals(200, answered.getWebResponse().getStatusCode(), form[0]);
      assertFalse(
          answered.getWebResponse().getContentAsString().contains("Exception"), "no stack trace");
    }
  }

  /** Viewing the anonymous pages, and switching their language, starts no HTTP session. */
  @Test
  void anonymousPagesCreateNoSession() {
    Browser anonymous = browser.another();
    for (String path :
        new String[] {"/", "/login", "/register", "/no-such-page", "/sign-in-problem?reason=x"}) {
      anonymous.get(path);
    }
    assertEquals(List.of(), anonymous.setCookieHeaders(), "no Set-Cookie for anonymous views");

    HtmlPage chinese = anonymous.submit(anonymous.open("/login"), "language", Map.of(), "zh");
    assertEquals("登录", chinese.getElementsByTagName("h1").get(0).getTextContent());
    HtmlPage failed =
        anonymous.submit(
            chinese,
            "login",
            Map.of("email", uniqueEmail(), "password", "wrong password"),
            "submit");
    assertEquals(200, failed.getWebResponse().getStatusCode());
    assertTrue(
        anonymous.setCookieHeaders().stream().noneMatch(h -> h.startsWith("JSESSIONID")),
        anonymous.setCookieHeaders().toString());
  }

  /**
   * Login CSRF: another site's form that posts valid credentials to /login signs nobody in, and a
   * registration posted from elsewhere writes nothing; the person gets a page that says why.
   */
  @Test
  void formsPostedFromAnotherSiteAreRefusedAndChangeNothing() throws Exception {
    String email = uniqueEmail();
    register(browser, email, "Csrf Target");
    Browser victim = browser.another();
    HtmlPage login = victim.open("/login");
    String viewState = login.getElementByName("jakarta.faces.ViewState").getAttribute("value");
    String[][] origins = {{"Origin", "https://evil.example"}, {"Origin", "null"}, {null, null}};
    for (String[] origin : origins) {
      org.htmlunit.WebRequest post =
          new org.htmlunit.WebRequest(
              new URL(ItServer.url(), "login"), org.htmlunit.HttpMethod.POST);
      if (origin[0] != null) {
        post.setAdditionalHeader(origin[0], origin[1]);
      }
      post.setRequestParameters(
          List.of(
              new org.htmlunit.util.NameValuePair("login", "login"),
              new org.htmlunit.util.NameValuePair("login:email", email),
              new org.htmlunit.util.NameValuePair("login:password", PASSWORD),
              new org.htmlunit.util.NameValuePair("login:submit", "x"),
              new org.htmlunit.util.NameValuePair("jakarta.faces.ViewState", viewState)));
      Page refused = victim.send(post);
      assertEquals(
          403,
          refused.getWebResponse().getStatusCode(),
          String.join(" ", origin[0] + "", origin[1] + ""));
      assertTrue(
          refused.getWebResponse().getContentAsString().contains("not sent from a Latchkey page"));
    }
    assertFalse(Flows.isSignedIn(victim), "nobody signed in");
    assertEquals(0, TestDatabase.auditCount("SIGN_IN_SUCCEEDED", email));

    String other = uniqueEmail();
    HtmlPage register = victim.open("/register");
    org.htmlunit.WebRequest post =
        new org.htmlunit.WebRequest(
            new URL(ItServer.url(), "register"), org.htmlunit.HttpMethod.POST);
    post.setAdditionalHeader("Origin", "https://evil.example");
    post.setAdditionalHeader("Sec-Fetch-Site", "cross-site");
    post.setRequestParameters(
        List.of(
            new org.htmlunit.util.NameValuePair("register", "register"),
            new org.htmlunit.util.NameValuePair("register:email", other),
            new org.htmlunit.util.NameValuePair("register:displayName", "Planted"),
            new org.htmlunit.util.NameValuePair("register:password", PASSWORD),
            new org.htmlunit.util.NameValuePair("register:passwordAgain", PASSWORD),
            new org.htmlunit.util.NameValuePair("register:submit", "x"),
            new org.htmlunit.util.NameValuePair(
                "jakarta.faces.ViewState",
                register.getElementByName("jakarta.faces.ViewState").getAttribute("value"))));
    assertEquals(403, victim.send(post).getWebResponse().getStatusCode());
    assertEquals(0L, accountCount(other));
  }

  /**
   * A small fuzz over every form of the anonymous and signed-in pages and over the callback: random
   * subsets of each form's fields, random and truncated bodies, long, control and non-UTF-8 values,
   * forged view states, odd paths. Nothing gets an HTTP 500 or a stack trace. The seed is printed.
   */
  @Test
  void randomAndBrokenRequestsNeverGetAnErrorOrAStackTrace() throws Exception {
    long seed = Long.getLong("latchkey.fuzz.seed", System.nanoTime()); // to replay a failure
    java.util.Random random = new java.util.Random(seed);
    String context = "seed " + seed + ": ";
    String email = uniqueEmail();
    Browser signedIn = browser.another();
    register(signedIn, email, "Fuzzed");
    signIn(signedIn, email, PASSWORD);
    String[] values = {
      "",
      "x".repeat(20_000),
      "%ff%fe%c0%af",
      "%00",
      "%E2%80%AEevil",
      "%F0%9F%92%A5",
      "%zz",
      "%",
      "'; DROP TABLE account; --",
      "<script>alert(1)</script>",
      "../../WEB-INF/web.xml",
      "a@b",
      PASSWORD,
      email,
      "stateless",
      "-1:-1",
      "1"
    };
    String[][] pages = {
      {"anonymous", "/"}, {"anonymous", "/login"}, {"anonymous", "/register"},
      {"anonymous", "/sign-in-problem?reason=failed"}, {"signed-in", "/account"}, {"signed-in", "/"}
    };
    for (int round = 0; round < 120; round++) {
      String[] target = pages[random.nextInt(pages.length)];
      Browser who = target[0].equals("signed-in") ? signedIn : browser;
      HtmlPage page = Flows.html(who.get(target[1]));
      List<org.htmlunit.html.HtmlForm> forms = page.getForms();
      if (forms.isEmpty()) {
        continue;
      }
      org.htmlunit.html.HtmlForm form = forms.get(random.nextInt(forms.size()));
      StringBuilder body = new StringBuilder();
      for (DomElement field : form.getElementsByTagName("input")) {
        if (random.nextInt(10) < 7) {
          String name = field.getAttribute("name");
          String value =
              name.equals("jakarta.faces.ViewState") && random.nextBoolean()
                  ? java.net.URLEncoder.encode(field.getAttribute("value"), UTF_8)
                  : values[random.nextInt(values.length)];
          body.append(java.net.URLEncoder.encode(name, UTF_8))
              .append('=')
              .append(value)
              .append('&');
        }
      }
      String sent = body.toString();
      if (random.nextInt(4) == 0) {
        sent = sent.substring(0, random.nextInt(sent.length() + 1)); // truncated
      }
      org.htmlunit.WebRequest post =
          new org.htmlunit.WebRequest(
              new URL(page.getUrl(), form.getActionAttribute()), org.htmlunit.HttpMethod.POST);
      post.setAdditionalHeader("Origin", ItServer.baseUrl());
      post.setAdditionalHeader("Content-Type", "application/x-www-form-urlencoded");
      post.setCharset(java.nio.charset.StandardCharsets.ISO_8859_1);
      post.setRequestBody(sent);
      assertNoError(context + "POST " + target[1] + " " + abbreviated(sent), who.send(post));
    }
    String[] paths = {
      "//evil.example/x.xhtml?jakarta.faces.ViewState=1",
      "/x.xhtml?jakarta.faces.ViewState=1",
      "/login?jakarta.faces.ViewState=%ff",
      "/WEB-INF/web.xml",
      "/%2e%2e/WEB-INF/web.xml",
      "/auth/",
      "/auth/%00",
      "/auth/callback",
      "/auth/callback?state=%ff&code=%00",
      "/auth/callback?error=%zz&state=x",
      "/auth/callback?code=" + "c".repeat(4_000),
      "/sign-in-problem?reason=%ff%fe&support-id=%3Cb%3E",
      "/admin/user?id=abc",
      "/link",
      "/account/confirm?then=%ff",
      "/jakarta.faces.resource/../../WEB-INF/web.xml.xhtml",
      "/" + "a".repeat(2_000),
      "/register?x=" + "%C0%AF".repeat(100),
      "/login?signed-out=maybe"
    };
    for (String path : paths) {
      assertNoError(context + "GET " + path, browser.get(path));
      assertNoError(context + "GET (signed in) " + path, signedIn.get(path));
    }
  }

  private static void assertNoError(String what, Page answered) {
    int status = answered.getWebResponse().getStatusCode();
    String text = answered.getWebResponse().getContentAsString();
    assertTrue(status < 500, what + " answered " + status);
    assertFalse(
        text.contains("Exception") || text.contains("\tat ") || text.contains(".java:"),
        what + " shows a stack trace");
  }

  private static String abbreviated(String body) {
    return body.length() <= 200 ? body : body.substring(0, 200) + "…";
  }

  @Test
  void badInputGetsAClearMessageAndWritesNothing() {
    HtmlPage empty =
        browser.submit(
            "/register",
            "register",
            Map.of("email", "", "displayName", "", "password", "", "passwordAgain", ""),
            "submit");
    assertEquals(200, empty.getWebResponse().getStatusCode());
    assertTrue(empty.asNormalizedText().contains("please fill in this field"));

    String malformed = "not-an-email-" + UUID.randomUUID();
    HtmlPage badEmail = register(browser, malformed, "Malformed");
    assertTrue(messagesOf(badEmail).contains("Enter a valid email address"));
    assertEquals(
        0L,
        TestDatabase.value("SELECT COUNT(*) FROM account WHERE email LIKE ?", malformed + "%")
            .map(n -> ((Number) n).longValue())
            .orElseThrow());

    String huge = "x".repeat(1_000_000);
    String email = uniqueEmail();
    HtmlPage hugePassword =
        browser.submit(
            "/register",
            "register",
            Map.of("email", email, "displayName", "Huge", "password", huge, "passwordAgain", huge),
            "submit");
    assertEquals(200, hugePassword.getWebResponse().getStatusCode());
    assertTrue(messagesOf(hugePassword).contains("at most 128 characters"));
    assertEquals(0L, accountCount(email));

    HtmlPage hugeSignIn = signIn(browser, email, huge);
    assertEquals(200, hugeSignIn.getWebResponse().getStatusCode());
    assertTrue(messagesOf(hugeSignIn).contains(GENERIC_FAILURE));

    HtmlPage common = register(browser, uniqueEmail(), "Common", "password123");
    assertTrue(messagesOf(common).contains("among the most common"));
  }

  @Test
  void aForgedOrExpiredFormIsShownAgainWithAMessage() {
    HtmlPage login = browser.open("/login");
    login
        .getElementsByName("jakarta.faces.ViewState")
        .forEach(state -> state.setAttribute("value", "forged:1234"));
    HtmlPage again =
        browser.submit(
            login, "login", Map.of("email", uniqueEmail(), "password", "whatever!"), "submit");
    assertEquals(200, again.getWebResponse().getStatusCode());
    assertTrue(again.getUrl().getPath().endsWith("/login"));
    assertTrue(messagesOf(again).contains("Nothing was changed"), messagesOf(again));
  }

  /**
   * Every form of a signed-in session carries its form token (anonymous forms none); a post with
   * the token missing, or with another session's, is an expired form and changes nothing.
   */
  @Test
  void aSignedInPostWithoutItsOwnFormTokenChangesNothing() {
    assertTrue(browser.another().open("/login").getElementsByName(FormTokens.FIELD).isEmpty());
    String email = uniqueEmail();
    register(browser, email, "Form Token");
    signIn(browser, email, PASSWORD);
    Browser someoneElse = browser.another();
    String othersEmail = uniqueEmail();
    register(someoneElse, othersEmail, "Someone Else");
    signIn(someoneElse, othersEmail, PASSWORD);
    String othersToken =
        someoneElse
            .open("/account")
            .getElementsByName(FormTokens.FIELD)
            .get(0)
            .getAttribute("value");

    for (String token : new String[] {null, othersToken}) {
      HtmlPage account = browser.open("/account");
      List<DomElement> fields = account.getElementsByName(FormTokens.FIELD);
      assertEquals(account.getForms().size(), fields.size(), "one token in every form");
      assertNotEquals(othersToken, fields.get(0).getAttribute("value"));
      fields.forEach(
          field -> {
            if (token == null) {
              field.remove();
            } else {
              field.setAttribute("value", token);
            }
          });
      HtmlPage answered =
          browser.submit(
              account,
              "password",
              Map.of(
                  "currentPassword", PASSWORD,
                  "newPassword", "a brand new passphrase",
                  "newPasswordAgain", "a brand new passphrase"),
              "submit");
      assertEquals(200, answered.getWebResponse().getStatusCode());
      assertTrue(answered.getUrl().getPath().endsWith("/account"), answered.getUrl().toString());
      assertTrue(messagesOf(answered).contains("Nothing was changed"), messagesOf(answered));
    }
    assertEquals(0, TestDatabase.auditCount("PASSWORD_CHANGED", email));
    signOut(browser);
    assertTrue(
        signIn(browser, email, PASSWORD).getUrl().getPath().endsWith("/account"),
        "the password is the old one");
  }

  @Test
  void pagesSpeakTheBrowsersLanguageAndTheSwitcherWins() {
    Browser chinese = browser.another();
    chinese.addHeader("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5");
    HtmlPage login = chinese.open("/login");
    assertEquals("登录", login.getElementsByTagName("h1").get(0).getTextContent());
    assertEquals("zh-CN", login.getDocumentElement().getAttribute("lang"));

    HtmlPage english = chinese.submit(login, "language", Map.of(), "en");
    assertEquals("Sign in", english.getElementsByTagName("h1").get(0).getTextContent());
    assertEquals(
        "Sign in", chinese.open("/login").getElementsByTagName("h1").get(0).getTextContent());
  }

  @Test
  void healthIsUpWhenTheDatabaseAnswers() {
    var response = browser.getAbsolute(ItServer.healthUrl()).getWebResponse();
    assertEquals(200, response.getStatusCode());
    String body = response.getContentAsString();
    assertTrue(body.contains("\"database\"") && body.contains("\"UP\""), body);
  }

  /** Operator endpoints of the server are not served to the public on the application's port. */
  @Test
  void metricsAndOpenApiAreNotPublic() {
    for (String path : new String[] {"/metrics", "/metrics/application", "/openapi"}) {
      var response = browser.get(path).getWebResponse();
      int status = response.getStatusCode();
      assertTrue(status == 404 || status == 403, path + " answered " + status);
      // Payara's OpenAPI servlet answers 404 with the document itself unless it is disabled.
      assertFalse(response.getContentAsString().contains("openapi:"), path + " serves a document");
    }
  }

  // Helpers -----------------------------------------------------------------------------------

  private static String uniqueEmail() {
    return "user-" + UUID.randomUUID() + "@example.test";
  }

  private static long accountCount(String email) {
    return ((Number)
            TestDatabase.value("SELECT COUNT(*) FROM account WHERE email = ?", email).orElseThrow())
        .longValue();
  }

  private static HtmlPage register(Browser browser, String email, String name) {
    return Flows.register(browser, email, name);
  }

  private static HtmlPage register(Browser browser, String email, String name, String password) {
    return browser.submit(
        "/register",
        "register",
        Map.of(
            "email", email, "displayName", name, "password", password, "passwordAgain", password),
        "submit");
  }

  private static HtmlPage signIn(Browser browser, String email, String password) {
    return Flows.signIn(browser, email, password);
  }

  private static HtmlPage signOut(Browser browser) {
    return Flows.signOut(browser);
  }

  private static String messagesOf(HtmlPage page) {
    return Flows.messagesOf(page);
  }
}
