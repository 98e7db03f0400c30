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
import java.util.Comparator;
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
    return newestFirst(query, null, offset, limit);
  }

  @Override
  public List<AuditEntry> searchAfter(
      AuditQuery query, Instant lastOccurredAt, long lastId, int limit) {
    return newestFirst(query, new Position(lastOccurredAt, lastId), 0, limit);
  }

  /** Where the previous page ended (keyset paging). */
  private record Position(Instant occurredAt, long id) {}

  /**
   * Which column names the account. An account's entries are those it is the target of and those it
   * acted in on another account (or none): two queries, each walking one index in order (V7),
   * merged here. One query with {@code OR} cannot use either index and scans the table on H2 (7 s
   * at 10,000,000 rows). With both an account and an event type, the account's index leads.
   */
  private enum Side {
    TARGET("e.targetAccountId", "e.targetAccountId = :account"),
    ACTOR(
        "e.actorAccountId",
        "e.actorAccountId = :account"
            + " AND (e.targetAccountId IS NULL OR e.targetAccountId <> :account)");

    private final String column;
    private final String condition;

    Side(String column, String condition) {
      this.column = column;
      this.condition = condition;
    }
  }

  private static final Comparator<AuditEntry> NEWEST_FIRST =
      Comparator.comparing(AuditEntry::getOccurredAt).thenComparing(AuditEntry::getId).reversed();

  private List<AuditEntry> newestFirst(AuditQuery query, Position after, int offset, int limit) {
    if (query.accountId() == null) {
      return query(query, after, null).setFirstResult(offset).setMaxResults(limit).getResultList();
    }
    List<AuditEntry> both = new ArrayList<>();
    for (Side side : Side.values()) {
      both.addAll(query(query, after, side).setMaxResults(offset + limit).getResultList());
    }
    return both.stream().sorted(NEWEST_FIRST).skip(offset).limit(limit).toList();
  }

  private TypedQuery<AuditEntry> query(AuditQuery query, Position after, Side side) {
    List<String> conditions = new ArrayList<>();
    Map<String, Object> parameters = new HashMap<>();
    if (query.eventType() != null) {
      conditions.add("e.eventType = :type");
      parameters.put("type", query.eventType());
    }
    if (side != null) {
      conditions.add(side.condition);
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
    if (after != null) {
      // The first condition bounds the index walk; the second breaks ties within one instant.
      conditions.add("e.occurredAt <= :afterTime");
      conditions.add("(e.occurredAt < :afterTime OR e.id < :afterId)");
      parameters.put("afterTime", after.occurredAt());
      parameters.put("afterId", after.id());
    }
    // The column held equal leads the order too, although that changes nothing in it: H2 reads
    // rows in an index's order only when the ORDER BY starts like the index (V7).
    String leading =
        side != null ? side.column + ", " : query.eventType() != null ? "e.eventType, " : "";
    String jpql =
        "SELECT e FROM AuditEntry e"
            + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
            + " ORDER BY "
            + leading
            + "e.occurredAt DESC, e.id DESC";
    TypedQuery<AuditEntry> typed = em.createQuery(jpql, AuditEntry.class);
    parameters.forEach(typed::setParameter);
    return typed;
  }
}
