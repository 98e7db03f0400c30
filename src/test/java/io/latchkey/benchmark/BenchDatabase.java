package io.latchkey.benchmark;

import io.latchkey.testing.PayaraProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.h2.tools.Server;

/**
 * The benchmark's database: an H2 file database under {@code target/bench/db}, served over TCP on
 * 127.0.0.1 by the benchmark JVM, so that the server reaches it as it would reach a database server
 * and the benchmark can seed it with accounts while the server runs. Latchkey creates the schema
 * itself at deployment (Flyway).
 *
 * <p>Seeded accounts get ids from {@link #SEED_ID_BASE} up, far above the ids the application's
 * sequences hand out, and emails {@code seed-0000001@bench.test} on; every one has the benchmark
 * password, the USER role and a registration audit entry, and every second one a linked identity at
 * the benchmark's provider ({@code seed-subject-2}, {@code seed-subject-4}, …). Seeding runs as
 * {@code INSERT … SELECT FROM SYSTEM_RANGE} inside H2, which writes a million accounts in well
 * under a minute where row-by-row JDBC batches over TCP take several; chunks of 10,000 rows keep
 * H2's transactions small, which is three times faster than chunks of 100,000.
 *
 * <p>{@link #workDuring} counts the SQL statements the server sends and their time inside H2, from
 * H2's query statistics, to explain where the time of a request goes.
 */
final class BenchDatabase implements AutoCloseable {

  /** The id of the seeded account number 0; seeded account n has id {@code SEED_ID_BASE + n}. */
  static final long SEED_ID_BASE = 10_000_000L;

  private static final int CHUNK = 10_000;

  private final Server server;
  private final String url;
  private long seeded;

  private BenchDatabase(Server server) {
    this.server = server;
    // Without OPTIMIZE_REUSE_RESULTS=0, H2 answers a prepared statement run again with the same
    // parameters on unchanged tables from the result it kept: the admin pages' repeated views then
    // measured that cache (an audit log view of 1 s at 10,000,000 rows showed as 19 ms p50). The
    // application sets it on any H2 URL itself (DatabaseSettings); this JVM's own reads need it
    // too.
    this.url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/latchkey;OPTIMIZE_REUSE_RESULTS=0";
  }

  /** Starts an empty database in {@code directory} (anything there before is deleted). */
  static BenchDatabase start(Path directory) throws SQLException {
    deleteRecursively(directory);
    System.setProperty("h2.bindAddress", "127.0.0.1");
    Server server =
        Server.createTcpServer(
                "-tcpPort",
                String.valueOf(PayaraProcess.freePort()),
                "-ifNotExists",
                "-baseDir",
                directory.toAbsolutePath().toString())
            .start();
    return new BenchDatabase(server);
  }

  /** The JDBC URL for {@code LATCHKEY_DB_URL}. */
  String url() {
    return url;
  }

  static String seedEmail(long n) {
    return String.format("seed-%07d@bench.test", n);
  }

  static String seedSubject(long n) {
    return "seed-subject-" + n;
  }

  /** How many accounts were seeded so far (numbers 1 to this). */
  long seeded() {
    return seeded;
  }

  long accounts() {
    return ((Number) value("SELECT COUNT(*) FROM account")).longValue();
  }

  long auditRows() {
    return ((Number) value("SELECT COUNT(*) FROM audit_entry")).longValue();
  }

  /** Seeds accounts until the table holds {@code total}; returns how many were added. */
  long seedUpTo(long total, String passwordHash, String issuer) {
    long missing = total - accounts();
    long from = seeded + 1;
    long to = seeded + missing;
    for (long start = from; start <= to; start += CHUNK) {
      long end = Math.min(to, start + CHUNK - 1);
      update(
          "INSERT INTO account (id, email, display_name, search_name, password_hash, status,"
              + " created_at, failed_sign_ins, session_generation, version)"
              + " SELECT ? + X, 'seed-' || LPAD(CAST(X AS VARCHAR), 7, '0') || '@bench.test',"
              + " 'Seeded User ' || X, 'seeded user ' || X, ?, 'ACTIVE', CURRENT_TIMESTAMP,"
              + " 0, 0, 0 FROM SYSTEM_RANGE(?, ?)",
          SEED_ID_BASE,
          passwordHash,
          start,
          end);
      update(
          "INSERT INTO account_role (account_id, role_name)"
              + " SELECT ? + X, 'USER' FROM SYSTEM_RANGE(?, ?)",
          SEED_ID_BASE,
          start,
          end);
      update(
          "INSERT INTO linked_identity (id, account_id, issuer, subject, email_at_link,"
              + " linked_at, email_verified, name)"
              + " SELECT ? + X, ? + X, ?, 'seed-subject-' || X,"
              + " 'seed-' || LPAD(CAST(X AS VARCHAR), 7, '0') || '@bench.test',"
              + " CURRENT_TIMESTAMP, TRUE, 'Seeded User ' || X"
              + " FROM SYSTEM_RANGE(?, ?) WHERE MOD(X, 2) = 0",
          SEED_ID_BASE,
          SEED_ID_BASE,
          issuer,
          start,
          end);
      update(
          "INSERT INTO audit_entry (id, occurred_at, target_account_id, target_email,"
              + " event_type, detail)"
              + " SELECT ? + X, CURRENT_TIMESTAMP, ? + X,"
              + " 'seed-' || LPAD(CAST(X AS VARCHAR), 7, '0') || '@bench.test',"
              + " 'ACCOUNT_REGISTERED', 'seeded by the benchmark'"
              + " FROM SYSTEM_RANGE(?, ?)",
          SEED_ID_BASE,
          SEED_ID_BASE,
          start,
          end);
    }
    seeded = Math.max(seeded, to);
    return Math.max(0, missing);
  }

  /**
   * Gives the audit trail {@code total} rows (sign-in entries of the seeded accounts over the last
   * 30 days, each with its per-day counter as Latchkey writes them) and signs a fifth of the seeded
   * accounts in within the last 60 days, for the dashboard at scale. Returns the rows added.
   */
  long seedAuditUpTo(long total) {
    // Without it, H2 keeps every page a chunk replaced for 45 s: ten million rows in random
    // timestamp order wrote a 38 GB file in seven minutes, most of it old pages.
    update("SET RETENTION_TIME 0");
    long existing = ((Number) value("SELECT COUNT(*) FROM audit_entry")).longValue();
    long missing = total - existing;
    long first = ((Number) value("SELECT COALESCE(MAX(id), 0) FROM audit_entry")).longValue() + 1;
    // The migrations' four secondary indexes are dropped while the rows go in and built again
    // afterwards, from sorted runs. Filling them row by row in random order took three times as
    // long and wrote a seven times larger file (measured at 1,000,000 rows).
    List<String> indexes = secondaryIndexes("AUDIT_ENTRY");
    indexes.forEach(index -> update("DROP INDEX " + index.substring(0, index.indexOf(' '))));
    for (long start = 0; start < missing; start += CHUNK * 10L) {
      long end = Math.min(missing, start + CHUNK * 10L) - 1;
      update(
          "INSERT INTO audit_entry (id, occurred_at, actor_account_id, target_account_id,"
              + " target_email, event_type, detail, client_address)"
              + " SELECT ? + X, DATEADD('SECOND', -MOD(X * 7919, 2592000), CURRENT_TIMESTAMP),"
              + " ? + MOD(X, ?) + 1, ? + MOD(X, ?) + 1, NULL,"
              + " CASE WHEN MOD(X, 10) = 0 THEN 'SIGN_IN_FAILED' ELSE 'SIGN_IN_SUCCEEDED' END,"
              + " CASE WHEN MOD(X, 10) = 0 THEN 'password: wrong' ELSE 'password' END,"
              + " '127.0.0.1' FROM SYSTEM_RANGE(?, ?)",
          first,
          SEED_ID_BASE,
          Math.max(1, seeded),
          SEED_ID_BASE,
          Math.max(1, seeded),
          start,
          end);
    }
    indexes.forEach(index -> update("CREATE INDEX " + index));
    update(
        "INSERT INTO sign_in_day (count_day, method, outcome, reason, slot, attempts)"
            + " SELECT CAST(DATEADD('DAY', -X, CURRENT_DATE) AS DATE), 'password', 'SUCCEEDED', '',"
            + " 9, ? FROM SYSTEM_RANGE(0, 29)",
        Math.max(0, missing) * 9 / 10 / 30);
    update(
        "INSERT INTO sign_in_day (count_day, method, outcome, reason, slot, attempts)"
            + " SELECT CAST(DATEADD('DAY', -X, CURRENT_DATE) AS DATE), 'password', 'FAILED',"
            + " 'wrong-password', 9, ? FROM SYSTEM_RANGE(0, 29)",
        Math.max(0, missing) / 10 / 30);
    update(
        "UPDATE account SET last_sign_in_at = DATEADD('DAY', -MOD(id, 60), CURRENT_TIMESTAMP)"
            + " WHERE id > ? AND MOD(id, 5) = 0",
        SEED_ID_BASE);
    return Math.max(0, missing);
  }

  /**
   * The table's secondary (non-unique) indexes, each as {@code name ON table (columns)}: what
   * {@code CREATE INDEX} needs to build it again.
   */
  private List<String> secondaryIndexes(String table) {
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement statement =
            prepare(
                connection,
                "SELECT i.INDEX_NAME || ' ON ' || i.TABLE_NAME || ' ('"
                    + " || LISTAGG(c.COLUMN_NAME || ' ' || c.ORDERING_SPECIFICATION, ', ') WITHIN GROUP (ORDER BY c.ORDINAL_POSITION)"
                    + " || ')' FROM INFORMATION_SCHEMA.INDEXES i"
                    + " JOIN INFORMATION_SCHEMA.INDEX_COLUMNS c ON c.INDEX_SCHEMA = i.INDEX_SCHEMA"
                    + " AND c.INDEX_NAME = i.INDEX_NAME"
                    + " WHERE i.TABLE_NAME = ? AND i.INDEX_TYPE_NAME = 'INDEX'"
                    + " GROUP BY i.INDEX_NAME, i.TABLE_NAME",
                table);
        ResultSet rows = statement.executeQuery()) {
      List<String> indexes = new ArrayList<>();
      while (rows.next()) {
        indexes.add(rows.getString(1));
      }
      return indexes;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Something the server is asked to do while the database's work is counted. */
  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }

  /**
   * What the database did for the server.
   *
   * @param statements SQL statements executed
   * @param millis their execution time inside H2, in milliseconds
   */
  record Work(long statements, double millis) {}

  /** The statements the database executed while {@code action} ran, and their time. */
  Work workDuring(Action action) throws Exception {
    update("SET QUERY_STATISTICS_MAX_ENTRIES 10000");
    update("SET QUERY_STATISTICS TRUE");
    try {
      Work before = work();
      action.run();
      Work after = work();
      return new Work(after.statements() - before.statements(), after.millis() - before.millis());
    } finally {
      update("SET QUERY_STATISTICS FALSE");
    }
  }

  /** The totals so far, leaving out the benchmark's own statistics statements. */
  private Work work() {
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT COALESCE(SUM(EXECUTION_COUNT), 0),"
                    + " COALESCE(SUM(CUMULATIVE_EXECUTION_TIME), 0)"
                    + " FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
                    + " WHERE SQL_STATEMENT NOT LIKE '%QUERY_STATISTICS%'");
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return new Work(rows.getLong(1), rows.getDouble(2));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes everything to the file, so that the writes of seeding do not run into what follows. */
  void checkpoint() {
    update("CHECKPOINT");
  }

  /** Adds one password account outside the seeded range (the admin). */
  void addPasswordAccount(long id, String email, String displayName, String passwordHash) {
    update(
        "INSERT INTO account (id, email, display_name, search_name, password_hash, status,"
            + " created_at) VALUES (?, ?, ?, LOWER(?), ?, 'ACTIVE', CURRENT_TIMESTAMP)",
        id,
        email,
        displayName,
        displayName,
        passwordHash);
    update("INSERT INTO account_role (account_id, role_name) VALUES (?, 'USER')", id);
  }

  /**
   * A provider identity that verified the account's email: what makes the {@code
   * LATCHKEY_ADMIN_EMAIL} account an admin (a password alone proves no email).
   */
  void addProvenIdentity(long accountId, String issuer, String email) {
    update(
        "INSERT INTO linked_identity (id, account_id, issuer, subject, email_at_link, linked_at,"
            + " email_verified, name) VALUES (?, ?, ?, 'bench-admin', ?, CURRENT_TIMESTAMP, TRUE,"
            + " 'Bench Admin')",
        accountId,
        accountId,
        issuer,
        email);
  }

  Object value(String sql, Object... parameters) {
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      return rows.next() ? rows.getObject(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private int update(String sql, Object... parameters) {
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement statement = prepare(connection, sql, parameters)) {
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }

  @Override
  public void close() {
    server.stop();
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
