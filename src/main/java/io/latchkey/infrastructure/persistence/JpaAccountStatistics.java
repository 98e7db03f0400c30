package io.latchkey.infrastructure.persistence;

import io.latchkey.domain.AccountStatistics;
import io.latchkey.domain.AccountStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * Counts for the admin dashboard. "Signed in since" and "disabled" are range counts on the V3
 * indexes ({@code ix_account_last_sign_in}, {@code ix_account_status_email}): their cost grows with
 * the accounts counted, not with all accounts. The total is {@code COUNT(*)}, which H2 answers from
 * the table's row count and PostgreSQL with an index-only scan.
 */
@ApplicationScoped
public class JpaAccountStatistics implements AccountStatistics {

  @PersistenceContext EntityManager em;

  @Override
  public long total() {
    return em.createQuery("SELECT COUNT(a) FROM Account a", Long.class).getSingleResult();
  }

  @Override
  public long signedInSince(Instant since) {
    return em.createQuery(
            "SELECT COUNT(a) FROM Account a WHERE a.lastSignInAt >= :since", Long.class)
        .setParameter("since", since)
        .getSingleResult();
  }

  @Override
  public long disabled() {
    return em.createQuery("SELECT COUNT(a) FROM Account a WHERE a.status = :status", Long.class)
        .setParameter("status", AccountStatus.DISABLED)
        .getSingleResult();
  }
}
