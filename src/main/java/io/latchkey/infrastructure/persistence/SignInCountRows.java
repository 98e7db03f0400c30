package io.latchkey.infrastructure.persistence;

import io.latchkey.domain.SignInTally;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.logging.Logger;

/**
 * Creates the empty counter rows of one kind of sign-in on one day, in a transaction of its own:
 * committed before the sign-in's transaction adds to them, so that two first sign-ins of the day
 * never fail each other on the key (the one that loses the race finds the rows made).
 */
@ApplicationScoped
public class SignInCountRows {

  private static final Logger LOG = Logger.getLogger(SignInCountRows.class.getName());

  @PersistenceContext EntityManager em;

  /** All slots or none, in one transaction: a key violation means another one made them. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void create(LocalDate day, SignInTally tally, int slots) {
    for (int slot = 0; slot < slots; slot++) {
      JpaSignInCounts.withKey(
              em.createNativeQuery(
                  "INSERT INTO sign_in_day (count_day, method, outcome, reason, slot, attempts)"
                      + " VALUES (?, ?, ?, ?, ?, 0)"),
              day,
              tally,
              slot)
          .executeUpdate();
    }
    LOG.fine(() -> "Counter rows for " + tally + " on " + day);
  }
}
