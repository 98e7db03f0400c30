package io.latchkey.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.latchkey.testing.Browser;
import io.latchkey.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two databases Latchkey supports, each with the real server (Payara Micro, or WildFly in
 * Failsafe's wildfly execution): the default H2 file under the data directory (accounts survive a
 * restart) and PostgreSQL chosen by {@code LATCHKEY_DB_URL}.
 *
 * <p>The PostgreSQL test needs a database to use up: {@code LATCHKEY_TEST_POSTGRES_URL}, {@code
 * _USER} and {@code _PASSWORD} (.ci/run starts one); without them it is reported as skipped.
 */
class DatabasesIT {

  private static final String PASSWORD = "restart-proof passphrase";

  @RegisterExtension Browser browser = new Browser();

  @Test
  void accountsSurviveARestartInTheDefaultH2File(@TempDir Path dataDir) {
    String email = "restart-" + UUID.randomUUID() + "@example.test";
    Map<String, String> environment = Map.of("LATCHKEY_DATA_DIR", dataDir.toString());

    try (ServerProcess server = ServerProcess.startSelected(environment)) {
      register(server, email);
      providerSignInIsExplainedAsNotConfigured(server);
    }
    assertTrue(Files.exists(dataDir.resolve("latchkey.mv.db")), "H2 file under the data dir");

    try (ServerProcess server = ServerProcess.startSelected(environment)) {
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

    try (ServerProcess server =
        ServerProcess.startSelected(
            Map.of(
                "LATCHKEY_DB_URL", url,
                "LATCHKEY_DB_USER", user,
                "LATCHKEY_DB_PASSWORD", password))) {
      register(server, email);
      assertTrue(signIn(server, email).getUrl().getPath().endsWith("/account"));
      assertTrue(!server.log().contains(password), "the database password is never logged");
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
