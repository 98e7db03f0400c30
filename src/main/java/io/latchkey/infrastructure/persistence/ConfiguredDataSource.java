package io.latchkey.infrastructure.persistence;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The connection factory behind the server's pool for {@code java:app/jdbc/latchkey}: it reads
 * {@code LATCHKEY_DB_URL}, {@code LATCHKEY_DB_USER} and {@code LATCHKEY_DB_PASSWORD} itself and
 * picks the driver from the URL.
 *
 * <p>Why not put the values in {@code @DataSourceDefinition}: the annotation cannot default the URL
 * to a file under the data directory, cannot choose the driver class from the URL, and would carry
 * the password through the server's resource configuration. The server still pools and enlists the
 * connections; this class only opens them. The driver is called directly rather than through {@code
 * DriverManager}, whose class-loader rules do not see drivers packaged in a WAR.
 */
public class ConfiguredDataSource implements DataSource {

  /** Where the connection settings come from: the value of the data source's one property. */
  static final String SETTINGS = "LATCHKEY_DB_*";

  private static final Map<String, String> DRIVERS =
      Map.of("jdbc:h2:", "org.h2.Driver", "jdbc:postgresql:", "org.postgresql.Driver");

  private volatile Driver driver;
  private volatile DatabaseSettings settings;
  private PrintWriter logWriter;
  private int loginTimeout;

  @Override
  public Connection getConnection() throws SQLException {
    DatabaseSettings current = settings();
    Properties properties = new Properties();
    if (!current.user().isEmpty()) {
      properties.setProperty("user", current.user());
      properties.setProperty("password", current.password());
    }
    Connection connection = driver(current.url()).connect(current.url(), properties);
    if (connection == null) {
      throw new SQLException("The driver does not accept LATCHKEY_DB_URL");
    }
    return connection;
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return getConnection();
  }

  private DatabaseSettings settings() {
    DatabaseSettings current = settings;
    if (current == null) {
      current = DatabaseSettings.from(ConfigProvider.getConfig(getClass().getClassLoader()));
      settings = current;
    }
    return current;
  }

  private Driver driver(String url) throws SQLException {
    Driver current = driver;
    if (current == null) {
      String className =
          DRIVERS.entrySet().stream()
              .filter(entry -> url.startsWith(entry.getKey()))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElseThrow(
                  () ->
                      new SQLException(
                          "LATCHKEY_DB_URL must start with jdbc:h2: or jdbc:postgresql:"));
      try {
        current =
            (Driver)
                Class.forName(className, true, getClass().getClassLoader())
                    .getDeclaredConstructor()
                    .newInstance();
      } catch (ReflectiveOperationException e) {
        throw new SQLException("No JDBC driver " + className + " available", e);
      }
      driver = current;
    }
    return current;
  }

  /**
   * The data source's one connection property (see {@link DatabaseConfiguration}): the settings
   * this class reads. Only {@link #SETTINGS} is accepted, so that a pool configured by hand cannot
   * believe it passes a URL or a password here.
   */
  public void setSettings(String names) {
    if (!SETTINGS.equals(names)) {
      throw new IllegalArgumentException("ConfiguredDataSource reads " + SETTINGS + " only");
    }
  }

  public String getSettings() {
    return SETTINGS;
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("Not a wrapper of " + type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
