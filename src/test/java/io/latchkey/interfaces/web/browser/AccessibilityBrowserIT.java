package io.latchkey.interfaces.web.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.testing.Axe;
import io.latchkey.testing.Browser;
import io.latchkey.testing.Chromium;
import io.latchkey.testing.Chromium.Window;
import io.latchkey.testing.Deployments;
import io.latchkey.testing.Flows;
import io.latchkey.testing.ItProvider;
import io.latchkey.testing.ItServer;
import io.latchkey.testing.TestDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Every page in Chromium, in English and in Simplified Chinese, signed out, signed in (with a
 * linked identity) and as admin: axe-core finds no serious or critical violation on any of them,
 * and each is saved as a screenshot ({@code
 * target/screenshots/AccessibilityBrowserIT/<language>/}).
 */
@ExtendWith({TestDatabase.class, ItProvider.class, ArquillianExtension.class})
@RunAsClient
class AccessibilityBrowserIT {

  private static final String ADMIN = Flows.ADMIN;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.packagedWar();
  }

  @RegisterExtension Chromium chromium = new Chromium();

  private final String base = ItServer.baseUrl();
  private final Map<String, List<String>> violations = new LinkedHashMap<>();

  @Test
  void english() {
    everyPage("en");
  }

  @Test
  void chinese() {
    everyPage("zh");
  }

  private void everyPage(String language) {
    Window anonymous = open("/", language);
    check(anonymous, language, "home");
    for (String page :
        List.of(
            "/login", "/register", "/sign-in-problem?reason=failed&support-id=AB12CD", "/link")) {
      anonymous.go(base + page);
      check(anonymous, language, page);
    }
    anonymous.go(base + "/no-such-page");
    check(anonymous, language, "404");
    anonymous.go(base + "/login");
    anonymous.click("login:submit");
    assertEquals("true", anonymous.all(By.id("login:email")).get(0).getAttribute("aria-invalid"));
    check(anonymous, language, "login-with-errors");

    String email = Flows.uniqueEmail();
    Window user = open("/register", language);
    user.type("register:email", email)
        .type("register:displayName", "Ada " + language)
        .type("register:password", Flows.PASSWORD)
        .type("register:passwordAgain", Flows.PASSWORD)
        .click("register:submit");
    check(user, language, "login-registered");
    signIn(user, email);
    ItProvider.provider().enqueueLogin(Flows.person("Ada at the provider"));
    user.click("link-provider");
    assertTrue(user.has("notice"), user.text());
    check(user, language, "account");
    user.go(base + "/account/confirm?then=account");
    check(user, language, "confirm");
    user.go(base + "/admin");
    check(user, language, "403");

    try (Browser setup = new Browser().at(ItServer.url())) {
      Flows.signInAsConfiguredAdmin(setup, ItProvider.provider());
    }
    Window admin = open("/login", language);
    signIn(admin, ADMIN);
    for (String page :
        List.of(
            "/admin",
            "/admin/users",
            "/admin/users?sort=name&dir=desc",
            "/admin/user?id=" + Flows.accountIds(email).get(0),
            "/admin/audit",
            "/admin/audit?type=SIGN_IN_FAILED&from=2001-01-01&to=2001-01-02")) {
      admin.go(base + page);
      check(admin, language, page);
    }
    admin.go(base + "/admin/user?id=" + Flows.accountIds(email).get(0));
    admin.click(
        admin.all(By.tagName("a")).stream()
            .filter(a -> String.valueOf(a.getAttribute("href")).contains("action=disable&"))
            .map(a -> a.getAttribute("id"))
            .findFirst()
            .orElseThrow());
    check(admin, language, "admin-action");
    admin.click("action:confirm");
    check(admin, language, "admin-action-with-errors");

    violations.values().removeIf(List::isEmpty);
    assertEquals(Map.of(), violations, "serious or critical axe-core violations");
  }

  private Window open(String path, String language) {
    Window window = chromium.open(base + path);
    if ("zh".equals(language)) {
      window.click("language:zh");
      assertEquals("zh-CN", window.script("return document.documentElement.lang"));
    }
    return window;
  }

  private void signIn(Window window, String email) {
    window.go(base + "/login");
    window.type("login:email", email).type("login:password", Flows.PASSWORD).click("login:submit");
    assertEquals("/account", window.path(), window.text());
  }

  private void check(Window window, String language, String page) {
    String name = language + "-" + page;
    window.screenshot(name);
    violations.put(name + " (" + window.path() + ")", Axe.seriousViolations(window));
  }
}
