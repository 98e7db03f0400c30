package io.latchkey.infrastructure.persistence;

import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Where the database is, from MicroProfile Config (environment variables in production).
 *
 * <p>Without {@code LATCHKEY_DB_URL} Latchkey uses an embedded H2 database in a file under {@code
 * LATCHKEY_DATA_DIR} (default {@code ./data}), so accounts survive a restart.
 */
record DatabaseSettings(String url, String user, String password) {

  static DatabaseSettings from(Config config) {
    Optional<String> url = config.getOptionalValue("LATCHKEY_DB_URL", String.class);
    String dataDir = config.getOptionalValue("LATCHKEY_DATA_DIR", String.class).orElse("data");
    return new DatabaseSettings(
        url.orElseGet(() -> defaultH2Url(Path.of(dataDir))),
        config.getOptionalValue("LATCHKEY_DB_USER", String.class).orElse(""),
        config.getOptionalValue("LATCHKEY_DB_PASSWORD", String.class).orElse(""));
  }

  static String defaultH2Url(Path dataDir) {
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("latchkey");
  }

  @Override
  public String toString() {
    return "DatabaseSettings[url=" + url + ", user=" + user + "]";
  }
}
