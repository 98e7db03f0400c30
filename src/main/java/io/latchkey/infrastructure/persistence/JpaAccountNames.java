package io.latchkey.infrastructure.persistence;

import io.latchkey.domain.AccountNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class JpaAccountNames implements AccountNames {

  @PersistenceContext EntityManager em;

  @Override
  public Map<Long, AccountName> of(Collection<Long> ids) {
    Map<Long, AccountName> names = new HashMap<>();
    if (ids.isEmpty()) {
      return names;
    }
    List<Object[]> rows =
        em.createQuery(
                "SELECT a.id, a.email, a.displayName FROM Account a WHERE a.id IN :ids",
                Object[].class)
            .setParameter("ids", List.copyOf(ids))
            .getResultList();
    for (Object[] row : rows) {
      long id = ((Number) row[0]).longValue();
      names.put(id, new AccountName(id, (String) row[1], (String) row[2]));
    }
    return names;
  }
}
