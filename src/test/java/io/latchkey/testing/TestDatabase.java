package io.latchkey.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.h2.tools.Server;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The database of the integration tests: an in-memory H2 database served over TCP on 127.0.0.1 by
 * the test JVM, which the Payara Micro under test uses as {@code LATCHKEY_DB_URL}. Tests read it
 * with plain JDBC to check what the server wrote.
 *
 * <p>Register it before Arquillian ({@code @ExtendWith({TestDatabase.class,
 * ArquillianExtension.class})}) so that the database is up before the server boots. It starts once
 * per test JVM and stops with it; tests share it, so each test uses emails of its own.
 */
public final class TestDatabase implements BeforeAllCallback {

  private static final String PORT = System.getProperty("latchkey.it.dbPort", "9092");

  /** How the test JVM reaches the database. */
  public static final String URL = "jdbc:h2:tcp://127.0.0.1:" + PORT + "/mem:latchkey";

  private static Server server;

  @Override
  public void beforeAll(ExtensionContext context) throws SQLException {
    start();
  }

  private static synchronized void start() throws SQLException {
    if (server == null) {
      System.setProperty("h2.bindAddress", "127.0.0.1");
      server = Server.createTcpServer("-tcpPort", PORT, "-ifNotExists").start();
      // Keep the in-memory database alive between the server restarts of different IT classes.
      Connection keepAlive = DriverManager.getConnection(URL + ";DB_CLOSE_DELAY=-1");
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      keepAlive.close();
                    } catch (SQLException ignored) {
                      // The JVM is going away; so is the database.
                    }
                    server.stop();
                  }));
    }
  }

  /** The first column of the first row, if any. */
  public static Optional<Object> value(String sql, Object... parameters) {
    List<Object> values = column(sql, parameters);
    return values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
  }

  /** The first column of every row. */
  public static List<Object> column(String sql, Object... parameters) {
    try (Connection connection = DriverManager.getConnection(URL);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      List<Object> values = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getObject(1));
        }
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs an update, for tests that arrange a state the pages cannot reach (a disabled account). */
  public static int update(String sql, Object... parameters) {
    try (Connection connection = DriverManager.getConnection(URL);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs one statement for many rows in JDBC batches (for seeding large tables quickly). */
  public static void batch(String sql, Iterable<Object[]> rows) {
    try (Connection connection = DriverManager.getConnection(URL);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      connection.setAutoCommit(false);
      int pending = 0;
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          statement.setObject(i + 1, row[i]);
        }
        statement.addBatch();
        if (++pending == 1_000) {
          statement.executeBatch();
          pending = 0;
        }
      }
      statement.executeBatch();
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many audit entries of this type were written for this email. */
  public static long auditCount(String eventType, String email) {
    return ((Number)
            value(
                    "SELECT COUNT(*) FROM audit_entry WHERE event_type = ? AND target_email = ?",
                    eventType,
                    email)
                .orElseThrow())
        .longValue();
  }
}
