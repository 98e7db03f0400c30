package io.latchkey.infrastructure.persistence;

import io.latchkey.domain.IdentityKey;
import io.latchkey.domain.LinkedIdentity;
import io.latchkey.domain.LinkedIdentityRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

@ApplicationScoped
public class JpaLinkedIdentityRepository implements LinkedIdentityRepository {

  @PersistenceContext EntityManager em;

  @Override
  public Optional<LinkedIdentity> find(IdentityKey subject) {
    return em.createNamedQuery("LinkedIdentity.bySubject", LinkedIdentity.class)
        .setParameter("issuer", subject.issuer())
        .setParameter("subject", subject.subject())
        .getResultStream()
        .findFirst();
  }
}
