package io.latchkey.infrastructure.persistence;

import io.latchkey.domain.Account;
import io.latchkey.domain.AccountRepository;
import io.latchkey.domain.DuplicateEmailException;
import io.latchkey.domain.EmailAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.Optional;

@ApplicationScoped
public class JpaAccountRepository implements AccountRepository {

  @PersistenceContext EntityManager em;

  @Override
  public Optional<Account> findById(long id) {
    return Optional.ofNullable(em.find(Account.class, id));
  }

  @Override
  public Optional<Account> findByIdForUpdate(long id) {
    return Optional.ofNullable(em.find(Account.class, id, LockModeType.PESSIMISTIC_WRITE));
  }

  @Override
  public Optional<Account> findByEmail(EmailAddress email) {
    return em.createNamedQuery("Account.byEmail", Account.class)
        .setParameter("email", email.value())
        .getResultStream()
        .findFirst();
  }

  @Override
  public void flush() {
    try {
      em.flush();
    } catch (PersistenceException e) {
      if (UniqueViolations.isUniqueViolation(e)) {
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
      if (UniqueViolations.isUniqueViolation(e)) {
        throw new DuplicateEmailException(e);
      }
      throw e;
    }
  }
}
