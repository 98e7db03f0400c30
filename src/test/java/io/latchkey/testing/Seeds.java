package io.latchkey.testing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Accounts written straight into the test database, for lists too long to register by hand. */
public final class Seeds {

  private Seeds() {}

  /**
   * {@code howMany} accounts {@code prefix00@example.test} …, named {@code PREFIXName-NN} in the
   * reverse order of their emails, every tenth one disabled, created a second apart. Their ids lie
   * far above what the sequences hand out.
   */
  public static void accounts(String prefix, int howMany) {
    long base = 900_000_000L + (long) (Math.random() * 1_000_000) * 100;
    List<Object[]> accounts = new ArrayList<>();
    List<Object[]> roles = new ArrayList<>();
    for (int i = 0; i < howMany; i++) {
      String name = prefix.toUpperCase() + "Name-" + String.format("%02d", howMany - 1 - i);
      accounts.add(
          new Object[] {
            base + i,
            prefix + String.format("%02d", i) + "@example.test",
            name,
            name.toLowerCase(),
            i % 10 == 0 ? "DISABLED" : "ACTIVE",
            Timestamp.from(Instant.now().minusSeconds(i))
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
