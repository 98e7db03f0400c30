package io.latchkey.testing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Accounts written straight into the test database, for lists too long to register by hand. */
public final class Seeds {

  private Seeds() {}

  /**
   * {@code howMany} accounts {@code prefix00@example.test} …, named {@code PREFIXName-NN} in the
   * reverse order of their emails, every tenth one disabled, created a second apart.
   */
  public static void accounts(String prefix, int howMany) {
    accounts(
        0,
        howMany,
        i -> prefix + String.format("%02d", i) + "@example.test",
        i -> prefix.toUpperCase() + "Name-" + String.format("%02d", howMany - 1 - i));
  }

  /**
   * Accounts number {@code from} (inclusive) to {@code to} (exclusive), with the given emails and
   * names, every tenth one disabled, created a second apart. Their ids lie far above what the
   * sequences hand out, and differ between calls.
   */
  public static void accounts(
      int from, int to, IntFunction<String> email, IntFunction<String> name) {
    long base = 900_000_000L + (long) (Math.random() * 1_000_000) * 1_000_000;
    List<Object[]> accounts = new ArrayList<>();
    List<Object[]> roles = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = from; i < to; i++) {
      String displayName = name.apply(i);
      accounts.add(
          new Object[] {
            base + i,
            email.apply(i),
            displayName,
            displayName.toLowerCase(),
            i % 10 == 0 ? "DISABLED" : "ACTIVE",
            Timestamp.from(now.minusSeconds(i))
          });
      roles.add(new Object[] {base + i});
    }
    TestDatabase.batch(
        "INSERT INTO account (id, email, display_name, search_name, status, created_at,"
            + " failed_sign_ins, session_generation, version) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0)",
        accounts);
    TestDatabase.batch(
        "INSERT INTO account_role (account_id, role_name) VALUES (?, 'USER')", roles);
  }
}
