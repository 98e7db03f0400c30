package io.latchkey.infrastructure.persistence;

import io.latchkey.domain.ApiGrant;
import io.latchkey.domain.ApiGrantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaApiGrantRepository implements ApiGrantRepository {

  @PersistenceContext EntityManager em;

  @Override
  public void add(ApiGrant grant) {
    em.persist(grant);
  }

  @Override
  public Optional<ApiGrant> find(String id) {
    return Optional.ofNullable(em.find(ApiGrant.class, id));
  }

  @Override
  public Optional<ApiGrant> ofIdentity(long identityId) {
    return em.createNamedQuery("ApiGrant.ofIdentity", ApiGrant.class)
        .setParameter("identity", identityId)
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<ApiGrant> ofAccount(long accountId) {
    return em.createNamedQuery("ApiGrant.ofAccount", ApiGrant.class)
        .setParameter("account", accountId)
        .getResultList();
  }

  @Override
  public List<ApiGrant> sealedWith(String keyId, int max) {
    return em.createNamedQuery("ApiGrant.sealedWith", ApiGrant.class)
        .setParameter("key", keyId)
        .setMaxResults(max)
        .getResultList();
  }

  @Override
  public void remove(ApiGrant grant) {
    em.remove(grant);
  }
}
