package io.latchkey.infrastructure.persistence;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Where the database is, from MicroProfile Config (environment variables in production).
 *
 * <p>Without {@code LATCHKEY_DB_URL} Latchkey uses an embedded H2 database in a file under {@code
 * LATCHKEY_DATA_DIR} (default {@code ./data}), so accounts survive a restart.
 *
 * <p>An H2 URL, ours or the deployer's, gets {@code OPTIMIZE_REUSE_RESULTS=0} unless it sets that
 * itself. H2 2.2.224, the version Payara and WildFly bundle, can answer a query run again on a
 * connection with the result it gave last time although another transaction has committed since
 * (h2database#3894, fixed in H2 2.3.232). Seen once in a benchmark's warm-up: of eight simultaneous
 * first sign-ins of one identity, three found its new account by email but not the identity
 * committed with it, and were sent to the linking page. A stale result is the one explanation that
 * fits; the integration tests' race of first sign-ins has not reproduced it.
 */
record DatabaseSettings(String url, String user, String password) {

  static DatabaseSettings from(Config config) {
    Optional<String> url = config.getOptionalValue("LATCHKEY_DB_URL", String.class);
    String dataDir = config.getOptionalValue("LATCHKEY_DATA_DIR", String.class).orElse("data");
    return new DatabaseSettings(
        withFreshH2Results(url.orElseGet(() -> defaultH2Url(Path.of(dataDir)))),
        config.getOptionalValue("LATCHKEY_DB_USER", String.class).orElse(""),
        config.getOptionalValue("LATCHKEY_DB_PASSWORD", String.class).orElse(""));
  }

  static String defaultH2Url(Path dataDir) {
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("latchkey");
  }

  static String withFreshH2Results(String url) {
    if (!url.startsWith("jdbc:h2:")
        || url.toUpperCase(Locale.ROOT).contains(";OPTIMIZE_REUSE_RESULTS=")) {
      return url;
    }
    return url + ";OPTIMIZE_REUSE_RESULTS=0";
  }

  @Override
  public String toString() {
    return "DatabaseSettings[url=" + url + ", user=" + user + "]";
  }
}
