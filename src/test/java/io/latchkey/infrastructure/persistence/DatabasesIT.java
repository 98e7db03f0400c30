package io.latchkey.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.latchkey.testing.Browser;
import io.latchkey.testing.Flows;
import io.latchkey.testing.ServerProcess;
import io.latchkey.testing.provider.Login;
import io.latchkey.testing.provider.TestProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two databases Latchkey supports, each with the real server (Payara Micro, or WildFly in
 * Failsafe's wildfly execution): the default H2 file under the data directory (accounts survive a
 * restart) and PostgreSQL chosen by {@code LATCHKEY_DB_URL}.
 *
 * <p>The H2 server after its restart also has a provider whose discovery document names another
 * issuer. The PostgreSQL server is also the one with provider policies of its own ({@code
 * OIDC_CORP_REGISTRATION=existing-only}, {@code OIDC_CORP_HOSTED_DOMAINS}), which would otherwise
 * cost a server boot of their own.
 *
 * <p>The PostgreSQL test needs a database to use up: {@code LATCHKEY_TEST_POSTGRES_URL}, {@code
 * _USER} and {@code _PASSWORD} (.ci/run starts one); without them it is reported as skipped.
 */
class DatabasesIT {

  private static final String PASSWORD = "restart-proof passphrase";

  @RegisterExtension Browser browser = new Browser();

  private TestProvider provider;

  @AfterEach
  void stopProvider() {
    if (provider != null) {
      provider.close();
    }
  }

  @Test
  void accountsSurviveARestartInTheDefaultH2File(@TempDir Path dataDir) {
    String email = "restart-" + UUID.randomUUID() + "@example.test";
    Map<String, String> environment = Map.of("LATCHKEY_DATA_DIR", dataDir.toString());

    try (ServerProcess server = ServerProcess.startSelected(environment)) {
      register(server, email);
      providerSignInIsExplainedAsNotConfigured(server);
    }
    assertTrue(Files.exists(dataDir.resolve("latchkey.mv.db")), "H2 file under the data dir");

    // After the restart, a provider is configured whose discovery document names another issuer.
    provider = TestProvider.start("latchkey-h2", "h2-client-secret", "http://localhost:*");
    provider.setDiscoveryIssuer("https://impostor.example.test");
    Map<String, String> restarted = new java.util.HashMap<>(environment);
    restarted.put("OIDC_PROVIDER_ID", "lying");
    restarted.put("OIDC_PROVIDER_NAME", "Lying IdP");
    restarted.put("OIDC_ISSUER", provider.issuer());
    restarted.put("OIDC_CLIENT_ID", "latchkey-h2");
    restarted.put("OIDC_CLIENT_SECRET", "h2-client-secret");
    try (ServerProcess server = ServerProcess.startSelected(restarted)) {
      providerWithAnotherIssuerIsUnavailable(server);
      HtmlPage account = signIn(server, email);
      assertTrue(account.getUrl().getPath().endsWith("/account"), account.getUrl().toString());
      assertEquals(email, account.getElementById("email").getTextContent());
      assertTrue(
          server.log().contains("(0 migrations applied now)"),
          "nothing to migrate the second time");
    }
  }

  @Test
  void runsOnPostgresql() throws Exception {
    String url = System.getenv("LATCHKEY_TEST_POSTGRES_URL");
    assumeTrue(url != null, "LATCHKEY_TEST_POSTGRES_URL is not set");
    String user = System.getenv("LATCHKEY_TEST_POSTGRES_USER");
    String password = System.getenv("LATCHKEY_TEST_POSTGRES_PASSWORD");
    String email = "postgres-" + UUID.randomUUID() + "@example.test";
    provider = TestProvider.start("latchkey-corp", "corp-client-secret", "http://localhost:*");

    Map<String, String> environment = new java.util.HashMap<>();
    environment.put("LATCHKEY_DB_URL", url);
    environment.put("LATCHKEY_DB_USER", user);
    environment.put("LATCHKEY_DB_PASSWORD", password);
    // This server also carries the provider policies that need a server of their own, in the
    // per-provider variables: existing accounts only, and one Google Workspace hosted domain.
    environment.put("LATCHKEY_PROVIDERS", "corp");
    environment.put("OIDC_CORP_NAME", "Corp SSO");
    environment.put("OIDC_CORP_ISSUER", provider.issuer());
    environment.put("OIDC_CORP_CLIENT_ID", "latchkey-corp");
    environment.put("OIDC_CORP_CLIENT_SECRET", "corp-client-secret");
    environment.put("OIDC_CORP_REGISTRATION", "existing-only");
    environment.put("OIDC_CORP_HOSTED_DOMAINS", "example.test");
    Login newcomer = Flows.person("Newcomer").withClaim("hd", "example.test");
    Login outsider = Flows.person("Outsider").withEmail(email).withClaim("hd", "elsewhere.test");
    Login owner = Flows.person("Owner").withEmail(email).withClaim("hd", "example.test");
    try (ServerProcess server = ServerProcess.startSelected(environment)) {
      register(server, email);
      assertTrue(signIn(server, email).getUrl().getPath().endsWith("/account"));

      // existing-only: an identity nobody linked gets a page saying so, and no account.
      HtmlPage refused =
          Flows.signInWithProvider(browser.another().at(server.baseUrl()), provider, newcomer);
      assertTrue(
          refused.getUrl().getPath().endsWith("/sign-in-problem"), refused.getUrl().toString());
      assertTrue(
          refused
              .getElementById("problem")
              .getTextContent()
              .contains("no account for this Corp SSO"),
          refused.asNormalizedText());
      // hd: a token of another hosted domain is refused, even with the account's email.
      HtmlPage wrongDomain =
          Flows.signInWithProvider(browser.another().at(server.baseUrl()), provider, outsider);
      assertTrue(wrongDomain.getUrl().getPath().endsWith("/sign-in-problem"));
      // The account's owner, in the hosted domain: confirms with the password on /link.
      HtmlPage link =
          Flows.signInWithProvider(browser.another().at(server.baseUrl()), provider, owner);
      assertTrue(link.getUrl().getPath().endsWith("/link"), link.getUrl().toString());
      assertTrue(!server.log().contains(password), "the database password is never logged");
    }
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT (SELECT COUNT(*) FROM linked_identity WHERE subject IN ('"
                    + newcomer.subject()
                    + "', '"
                    + outsider.subject()
                    + "', '"
                    + owner.subject()
                    + "')), (SELECT COUNT(*) FROM account WHERE email = '"
                    + newcomer.email()
                    + "')")) {
      assertTrue(rows.next());
      assertEquals(0, rows.getLong(1), "nothing linked before the owner confirms");
      assertEquals(0, rows.getLong(2), "no account for the newcomer");
    }

    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT a.password_hash, (SELECT COUNT(*) FROM audit_entry e"
                    + " WHERE e.target_account_id = a.id AND e.event_type = 'SIGN_IN_SUCCEEDED')"
                    + " FROM account a WHERE a.email = '"
                    + email
                    + "'")) {
      assertTrue(rows.next(), "the account is in PostgreSQL");
      assertTrue(rows.getString(1).startsWith("PBKDF2WithHmacSHA256:600000:"));
      assertEquals(1, rows.getLong(2));
    }
  }

  /**
   * A discovery document naming another issuer: nothing is sent to the endpoints it names, the
   * start URL and the button say the provider is unavailable, and /health is down.
   */
  private void providerWithAnotherIssuerIsUnavailable(ServerProcess server) {
    HtmlPage problem = browser.at(server.baseUrl()).open("/auth/lying");
    assertTrue(
        problem.getUrl().getPath().endsWith("/sign-in-problem"), problem.getUrl().toString());
    assertTrue(
        problem.getElementById("problem").getTextContent().contains("unavailable"),
        problem.asNormalizedText());
    HtmlPage login = browser.open("/login");
    assertTrue(login.getElementById("continue-with-provider") == null, "no working button");
    assertTrue(
        login.getElementById("provider").getTextContent().contains("Lying IdP is unavailable"),
        login.asNormalizedText());
    String health = browser.getAbsolute(server.healthUrl()).getWebResponse().getContentAsString();
    assertTrue(health.matches("(?s).*\"consistent\":\"?false.*"), health);
    assertTrue(health.contains("DOWN"), health);
    assertEquals(0, provider.calls("authorize") + provider.calls("token"), "nothing sent");
  }

  /** No OIDC_CLIENT_ID / OIDC_CLIENT_SECRET: the button says so, and the start URL explains. */
  private void providerSignInIsExplainedAsNotConfigured(ServerProcess server) {
    HtmlPage login = browser.at(server.baseUrl()).open("/login");
    assertTrue(
        login.getElementById("provider").getTextContent().contains("is not configured"),
        login.asNormalizedText());
    assertTrue(login.getElementById("continue-with-provider") == null);
    HtmlPage problem = browser.open("/auth/google");
    assertEquals(200, problem.getWebResponse().getStatusCode());
    assertTrue(problem.getElementById("problem").getTextContent().contains("not configured"));
    String health = browser.getAbsolute(server.healthUrl()).getWebResponse().getContentAsString();
    assertTrue(health.matches("(?s).*\"configured\":\"?false.*"), health);
  }

  private void register(ServerProcess server, String email) {
    HtmlPage page =
        browser
            .at(server.baseUrl())
            .submit(
                "/register",
                "register",
                Map.of(
                    "email", email,
                    "displayName", "Restart Proof",
                    "password", PASSWORD,
                    "passwordAgain", PASSWORD),
                "submit");
    assertTrue(page.asNormalizedText().contains("Registration received"), page.asNormalizedText());
  }

  private HtmlPage signIn(ServerProcess server, String email) {
    return browser
        .at(server.baseUrl())
        .submit("/login", "login", Map.of("email", email, "password", PASSWORD), "submit");
  }
}
