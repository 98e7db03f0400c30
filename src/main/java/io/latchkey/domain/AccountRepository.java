package io.latchkey.domain;

import java.util.Optional;

/** Where accounts are kept. */
public interface AccountRepository {

  Optional<Account> findById(long id);

  /** The account, locked against concurrent changes until the transaction ends. */
  Optional<Account> findByIdForUpdate(long id);

  Optional<Account> findByEmail(EmailAddress email);

  /**
   * Adds a new account and writes it at once.
   *
   * @throws DuplicateEmailException when another account already has this email (also when a
   *     concurrent registration won the race)
   */
  Account add(Account account);
}
