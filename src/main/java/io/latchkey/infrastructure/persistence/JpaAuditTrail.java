package io.latchkey.infrastructure.persistence;

import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditQuery;
import io.latchkey.domain.AuditTrail;
import io.latchkey.domain.SignInCounts;
import io.latchkey.domain.SignInTally;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class JpaAuditTrail implements AuditTrail {

  @PersistenceContext EntityManager em;
  @Inject SignInCounts signInCounts;
  @Inject Event<SignInTally> tallies;

  /**
   * Writes the entry and, for a sign-in, adds it to the day's counts in the same transaction and
   * tells the operator metrics (which count it once the transaction committed).
   */
  @Override
  public void record(AuditEntry entry) {
    em.persist(entry);
    SignInTally.of(entry)
        .ifPresent(
            tally -> {
              signInCounts.add(LocalDate.ofInstant(entry.getOccurredAt(), ZoneOffset.UTC), tally);
              tallies.fire(tally);
            });
  }

  @Override
  public List<AuditEntry> search(AuditQuery query, int offset, int limit) {
    return query(query, false).setFirstResult(offset).setMaxResults(limit).getResultList();
  }

  @Override
  public List<AuditEntry> searchAfter(
      AuditQuery query, Instant lastOccurredAt, long lastId, int limit) {
    TypedQuery<AuditEntry> typed = query(query, true);
    return typed
        .setParameter("afterTime", lastOccurredAt)
        .setParameter("afterId", lastId)
        .setMaxResults(limit)
        .getResultList();
  }

  private TypedQuery<AuditEntry> query(AuditQuery query, boolean after) {
    List<String> conditions = new ArrayList<>();
    Map<String, Object> parameters = new HashMap<>();
    if (query.eventType() != null) {
      conditions.add("e.eventType = :type");
      parameters.put("type", query.eventType());
    }
    if (query.accountId() != null) {
      conditions.add("(e.targetAccountId = :account OR e.actorAccountId = :account)");
      parameters.put("account", query.accountId());
    }
    if (query.from() != null) {
      conditions.add("e.occurredAt >= :from");
      parameters.put("from", query.from());
    }
    if (query.to() != null) {
      conditions.add("e.occurredAt < :to");
      parameters.put("to", query.to());
    }
    if (after) {
      conditions.add(
          "(e.occurredAt < :afterTime OR (e.occurredAt = :afterTime AND e.id < :afterId))");
    }
    String jpql =
        "SELECT e FROM AuditEntry e"
            + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
            + " ORDER BY e.occurredAt DESC, e.id DESC";
    TypedQuery<AuditEntry> typed = em.createQuery(jpql, AuditEntry.class);
    parameters.forEach(typed::setParameter);
    return typed;
  }
}
