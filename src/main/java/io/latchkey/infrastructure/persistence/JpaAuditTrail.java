package io.latchkey.infrastructure.persistence;

import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

@ApplicationScoped
public class JpaAuditTrail implements AuditTrail {

  @PersistenceContext EntityManager em;

  @Override
  public void record(AuditEntry entry) {
    em.persist(entry);
  }
}
