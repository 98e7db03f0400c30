package io.latchkey.infrastructure.persistence;

import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditQuery;
import io.latchkey.domain.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class JpaAuditTrail implements AuditTrail {

  @PersistenceContext EntityManager em;

  @Override
  public void record(AuditEntry entry) {
    em.persist(entry);
  }

  @Override
  public List<AuditEntry> search(AuditQuery query, int offset, int limit) {
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
    String jpql =
        "SELECT e FROM AuditEntry e"
            + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
            + " ORDER BY e.occurredAt DESC, e.id DESC";
    TypedQuery<AuditEntry> typed = em.createQuery(jpql, AuditEntry.class);
    parameters.forEach(typed::setParameter);
    return typed.setFirstResult(offset).setMaxResults(limit).getResultList();
  }
}
