package io.latchkey.infrastructure.persistence;

import io.latchkey.domain.SeenLogoutToken;
import io.latchkey.domain.SeenLogoutTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

@ApplicationScoped
public class JpaSeenLogoutTokens implements SeenLogoutTokens {

  @PersistenceContext EntityManager em;

  @Override
  public boolean seen(String issuer, String jti) {
    return em.find(SeenLogoutToken.class, SeenLogoutToken.idOf(issuer, jti)) != null;
  }

  @Override
  public void add(SeenLogoutToken token) {
    em.persist(token);
    em.flush();
  }

  @Override
  public int removeExpired(Instant now) {
    return em.createNamedQuery("SeenLogoutToken.removeExpired")
        .setParameter("now", now)
        .executeUpdate();
  }
}
