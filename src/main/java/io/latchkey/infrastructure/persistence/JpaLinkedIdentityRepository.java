package io.latchkey.infrastructure.persistence;

import io.latchkey.domain.DuplicateLinkException;
import io.latchkey.domain.ExternalSubject;
import io.latchkey.domain.LinkedIdentity;
import io.latchkey.domain.LinkedIdentityRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaLinkedIdentityRepository implements LinkedIdentityRepository {

  @PersistenceContext EntityManager em;

  @Override
  public Optional<LinkedIdentity> find(ExternalSubject subject) {
    return em.createNamedQuery("LinkedIdentity.bySubject", LinkedIdentity.class)
        .setParameter("issuer", subject.issuer())
        .setParameter("subject", subject.subject())
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<LinkedIdentity> ofAccount(long accountId) {
    return em.createNamedQuery("LinkedIdentity.byAccount", LinkedIdentity.class)
        .setParameter("accountId", accountId)
        .getResultList();
  }

  @Override
  public LinkedIdentity add(LinkedIdentity identity) {
    try {
      em.persist(identity);
      em.flush();
      return identity;
    } catch (PersistenceException e) {
      if (UniqueViolations.isUniqueViolation(e)) {
        throw new DuplicateLinkException(e);
      }
      throw e;
    }
  }
}
