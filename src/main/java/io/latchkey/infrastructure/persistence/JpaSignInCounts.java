package io.latchkey.infrastructure.persistence;

import io.latchkey.domain.SignInCounts;
import io.latchkey.domain.SignInTally;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code sign_in_day} counters (V4). An attempt adds one to a random slot of its row with an
 * UPDATE in the caller's transaction; the first attempt of a kind on a day finds no row, so the
 * slots are created in a transaction of their own ({@link SignInCountRows}) and the UPDATE runs
 * again. Creation races are harmless: the loser's INSERT fails on the key, the row exists.
 */
@ApplicationScoped
public class JpaSignInCounts implements SignInCounts {

  /** Rows per kind and day: concurrent sign-ins of one kind wait for each other one in SLOTS. */
  static final int SLOTS = 4;

  @PersistenceContext EntityManager em;
  @Inject SignInCountRows rows;

  @Override
  public void add(LocalDate day, SignInTally tally) {
    int slot = ThreadLocalRandom.current().nextInt(SLOTS);
    if (increment(day, tally, slot) == 0) {
      try {
        rows.create(day, tally, SLOTS);
      } catch (RuntimeException raced) {
        if (!UniqueViolations.isViolationOf(raced, "sign_in_day")) {
          throw raced;
        }
      }
      if (increment(day, tally, slot) == 0) {
        throw new IllegalStateException("sign_in_day row missing after creation");
      }
    }
  }

  private int increment(LocalDate day, SignInTally tally, int slot) {
    return withKey(
            em.createNativeQuery(
                "UPDATE sign_in_day SET attempts = attempts + 1"
                    + " WHERE count_day = ? AND method = ? AND outcome = ? AND reason = ? AND slot = ?"),
            day,
            tally,
            slot)
        .executeUpdate();
  }

  /** Binds a row's key to parameters 1 to 5: day, method, outcome, reason, slot. */
  static Query withKey(Query query, LocalDate day, SignInTally tally, int slot) {
    return query
        .setParameter(1, Date.valueOf(day))
        .setParameter(2, tally.method())
        .setParameter(3, tally.outcome().name())
        .setParameter(4, tally.reason())
        .setParameter(5, slot);
  }

  @Override
  public List<SignInDayCount> between(LocalDate from, LocalDate to) {
    @SuppressWarnings("unchecked")
    List<Object[]> found =
        em.createNativeQuery(
                "SELECT count_day, method, outcome, reason, SUM(attempts) FROM sign_in_day"
                    + " WHERE count_day >= ? AND count_day <= ? GROUP BY count_day, method, outcome, reason"
                    + " HAVING SUM(attempts) > 0 ORDER BY count_day, method, outcome, reason")
            .setParameter(1, Date.valueOf(from))
            .setParameter(2, Date.valueOf(to))
            .getResultList();
    List<SignInDayCount> counts = new ArrayList<>();
    for (Object[] row : found) {
      counts.add(
          new SignInDayCount(
              localDate(row[0]),
              new SignInTally(
                  (String) row[1], SignInTally.Outcome.valueOf((String) row[2]), (String) row[3]),
              ((Number) row[4]).longValue()));
    }
    return counts;
  }

  private static LocalDate localDate(Object value) {
    if (value instanceof LocalDate date) {
      return date;
    }
    return ((java.sql.Date) value).toLocalDate();
  }
}
