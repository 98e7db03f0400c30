package io.latchkey.infrastructure.persistence;

import io.latchkey.domain.SessionRecord;
import io.latchkey.domain.SessionRecordRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaSessionRecordRepository implements SessionRecordRepository {

  @PersistenceContext EntityManager em;

  @Override
  public void add(SessionRecord record) {
    em.persist(record);
  }

  @Override
  public Optional<SessionRecord> find(String id) {
    return Optional.ofNullable(em.find(SessionRecord.class, id));
  }

  @Override
  public boolean exists(String id) {
    return !em.createQuery("SELECT 1 FROM SessionRecord s WHERE s.id = :id", Integer.class)
        .setParameter("id", id)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  @Override
  public List<SessionRecord> recentOfAccount(
      long accountId, Instant seenSince, Instant signedInSince, int max) {
    return em.createNamedQuery("SessionRecord.recentOfAccount", SessionRecord.class)
        .setParameter("account", accountId)
        .setParameter("seenSince", seenSince)
        .setParameter("signedInSince", signedInSince)
        .setMaxResults(max)
        .getResultList();
  }

  @Override
  public int countOfAccount(long accountId, Instant seenSince, Instant signedInSince, int atMost) {
    return em.createNamedQuery("SessionRecord.recentIdsOfAccount", String.class)
        .setParameter("account", accountId)
        .setParameter("seenSince", seenSince)
        .setParameter("signedInSince", signedInSince)
        .setMaxResults(atMost)
        .getResultList()
        .size();
  }

  @Override
  public List<String> idsOfAccount(long accountId) {
    return em.createNamedQuery("SessionRecord.idsOfAccount", String.class)
        .setParameter("account", accountId)
        .getResultList();
  }

  @Override
  public List<SessionRecord> ofProviderSession(String method, String sid) {
    return em.createNamedQuery("SessionRecord.ofProviderSession", SessionRecord.class)
        .setParameter("method", method)
        .setParameter("sid", sid)
        .getResultList();
  }

  @Override
  public List<SessionRecord> ofAccountByMethod(long accountId, String method) {
    return em.createNamedQuery("SessionRecord.ofAccountByMethod", SessionRecord.class)
        .setParameter("account", accountId)
        .setParameter("method", method)
        .getResultList();
  }

  @Override
  public boolean seen(String id, Instant now) {
    return em.createNamedQuery("SessionRecord.seen")
            .setParameter("now", now)
            .setParameter("id", id)
            .executeUpdate()
        > 0;
  }

  @Override
  public boolean remove(String id) {
    return em.createNamedQuery("SessionRecord.remove").setParameter("id", id).executeUpdate() > 0;
  }

  @Override
  public int removeOthers(long accountId, String keep) {
    return em.createNamedQuery("SessionRecord.removeOthers")
        .setParameter("account", accountId)
        .setParameter("keep", keep == null ? "" : keep)
        .executeUpdate();
  }

  @Override
  public int removeExpired(Instant idleBefore, Instant signedInBefore) {
    return em.createNamedQuery("SessionRecord.removeExpired")
        .setParameter("idleBefore", idleBefore)
        .setParameter("signedInBefore", signedInBefore)
        .executeUpdate();
  }
}
