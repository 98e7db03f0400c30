package io.latchkey.infrastructure.persistence;

import io.latchkey.domain.Account;
import io.latchkey.domain.AccountQuery;
import io.latchkey.domain.AccountRepository;
import io.latchkey.domain.AccountSort;
import io.latchkey.domain.AccountStatus;
import io.latchkey.domain.DuplicateEmailException;
import io.latchkey.domain.EmailAddress;
import io.latchkey.domain.LinkedIdentity;
import io.latchkey.domain.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class JpaAccountRepository implements AccountRepository {

  @PersistenceContext EntityManager em;

  @Override
  public Optional<Account> findById(long id) {
    return Optional.ofNullable(em.find(Account.class, id));
  }

  @Override
  public List<LinkedIdentity> linkedIdentitiesOf(long accountId) {
    return em.createNamedQuery("LinkedIdentity.ofAccount", LinkedIdentity.class)
        .setParameter("account", accountId)
        .getResultList();
  }

  @Override
  public Optional<Account> findWithRoles(long id) {
    return em.createNamedQuery("Account.withRoles", Account.class)
        .setParameter("id", id)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Optional<Account> findByIdForUpdate(long id) {
    Account account = em.find(Account.class, id);
    if (account != null) {
      // Re-read under the lock: the instance may have been loaded earlier in this transaction (as
      // the account of a linked identity) and changed since by a concurrent sign-in. Hibernate
      // would refuse to lock such a stale instance (OptimisticLockException); EclipseLink would
      // keep its old state.
      em.refresh(account, LockModeType.PESSIMISTIC_WRITE);
    }
    return Optional.ofNullable(account);
  }

  @Override
  public Optional<Account> findByEmail(EmailAddress email) {
    return em.createNamedQuery("Account.byEmail", Account.class)
        .setParameter("email", email.value())
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<Account> search(AccountQuery query, int offset, int limit) {
    StringBuilder jpql = new StringBuilder("SELECT a FROM Account a");
    Map<String, Object> parameters = new HashMap<>();
    List<String> conditions = new ArrayList<>();
    query
        .email()
        .ifPresent(
            prefix -> {
              conditions.add("a.email LIKE :email ESCAPE '\\'");
              parameters.put("email", likePrefix(prefix));
            });
    query
        .name()
        .ifPresent(
            prefix -> {
              conditions.add("a.searchName LIKE :name ESCAPE '\\'");
              parameters.put("name", likePrefix(prefix));
            });
    if (query.status() != null) {
      conditions.add("a.status = :status");
      parameters.put("status", query.status());
    }
    if (query.role() != null) {
      conditions.add(
          "EXISTS (SELECT r.id FROM Account r JOIN r.roleGrants g WHERE r.id = a.id AND g.role = :role)");
      parameters.put("role", query.role());
    }
    if (query.issuer() != null || query.subject() != null) {
      StringBuilder identity =
          new StringBuilder("EXISTS (SELECT i.id FROM LinkedIdentity i WHERE i.account = a");
      if (query.issuer() != null) {
        identity.append(" AND i.issuer = :issuer");
        parameters.put("issuer", query.issuer());
      }
      if (query.subject() != null) {
        identity.append(" AND i.subject = :subject");
        parameters.put("subject", query.subject());
      }
      conditions.add(identity.append(")").toString());
    }
    if (!conditions.isEmpty()) {
      jpql.append(" WHERE ").append(String.join(" AND ", conditions));
    }
    jpql.append(" ORDER BY ").append(String.join(", ", order(query)));

    TypedQuery<Account> typed = em.createQuery(jpql.toString(), Account.class);
    parameters.forEach(typed::setParameter);
    // One query for the roles of the whole page, not one per account.
    typed.setHint("eclipselink.batch", "a.roleGrants");
    typed.setHint("eclipselink.batch.type", "IN");
    return typed.setFirstResult(offset).setMaxResults(limit).getResultList();
  }

  @Override
  public long countActiveWithGrantedRole(Role role) {
    // The rows are locked, not only counted, in id order: two admins removing each other at the
    // same moment queue here, and the second one counts what the first left.
    return em.createQuery(
            "SELECT a.id FROM Account a JOIN a.roleGrants g"
                + " WHERE g.role = :role AND a.status = :active ORDER BY a.id",
            Long.class)
        .setParameter("role", role)
        .setParameter("active", AccountStatus.ACTIVE)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList()
        .size();
  }

  @Override
  public void remove(Account account) {
    em.remove(account);
    em.flush();
  }

  /**
   * The list's order: the sort column, then the id for ties (an email has none: it is unique). A
   * status filter leads an order by email, although that changes nothing in it, so that H2 reads
   * the {@code (status, email)} index in order (it does only when the ORDER BY starts like the
   * index, see V7).
   */
  private static List<String> order(AccountQuery query) {
    String direction = query.ascending() ? " ASC" : " DESC";
    List<String> order = new ArrayList<>();
    boolean byEmail = query.sort() == AccountSort.EMAIL;
    if (byEmail && query.status() != null) {
      order.add("a.status");
    }
    order.add(SORT_COLUMNS.get(query.sort()) + direction);
    if (!byEmail) {
      order.add("a.id" + direction);
    }
    return order;
  }

  /** The JPQL column of each order; each has an index both ways (V3 and V7 migrations). */
  private static final Map<AccountSort, String> SORT_COLUMNS =
      Map.of(
          AccountSort.EMAIL, "a.email",
          AccountSort.NAME, "a.searchName",
          AccountSort.CREATED, "a.createdAt",
          AccountSort.LAST_SIGN_IN, "a.lastSignInAt");

  /** A LIKE pattern matching values that start with {@code prefix}, taken literally. */
  static String likePrefix(String prefix) {
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  @Override
  public void flush() {
    try {
      em.flush();
    } catch (PersistenceException e) {
      if (UniqueViolations.isLostRace(e)) {
        throw new DuplicateEmailException(e);
      }
      throw e;
    }
  }

  @Override
  public Account add(Account account) {
    try {
      em.persist(account);
      em.flush();
      return account;
    } catch (PersistenceException e) {
      if (UniqueViolations.isLostRace(e)) {
        throw new DuplicateEmailException(e);
      }
      throw e;
    }
  }
}
