package io.latchkey.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An H2 database never answers from a result it kept (h2database#3894); others are left alone. */
class DatabaseSettingsTest {

  @Test
  void theEmbeddedDatabaseOpensWithoutReusedResults(@TempDir Path dataDir) throws Exception {
    String url = DatabaseSettings.withFreshH2Results(DatabaseSettings.defaultH2Url(dataDir));
    assertTrue(url.endsWith(";OPTIMIZE_REUSE_RESULTS=0"), url);
    // H2 refuses a setting it does not know ("Unsupported connection setting"), and answers this
    // one in none of its tables: that the bundled version opens the URL is what can be checked.
    try (Connection connection = DriverManager.getConnection(url);
        ResultSet one = connection.createStatement().executeQuery("SELECT 1")) {
      assertTrue(one.next());
    }
  }

  @Test
  void aDeployersH2UrlGetsTheSettingUnlessItChoseOne() {
    assertEquals(
        "jdbc:h2:tcp://127.0.0.1/latchkey;MODE=PostgreSQL;OPTIMIZE_REUSE_RESULTS=0",
        DatabaseSettings.withFreshH2Results("jdbc:h2:tcp://127.0.0.1/latchkey;MODE=PostgreSQL"));
    assertEquals(
        "jdbc:h2:mem:x;optimize_reuse_results=1",
        DatabaseSettings.withFreshH2Results("jdbc:h2:mem:x;optimize_reuse_results=1"));
  }

  @Test
  void otherDatabasesAreLeftAlone() {
    assertEquals(
        "jdbc:postgresql://127.0.0.1/latchkey",
        DatabaseSettings.withFreshH2Results("jdbc:postgresql://127.0.0.1/latchkey"));
  }
}
