package io.latchkey.domain;

import java.util.Optional;

/** Where accounts are kept. */
public interface AccountRepository {

  Optional<Account> findById(long id);

  /** The account, locked against concurrent changes until the transaction ends. */
  Optional<Account> findByIdForUpdate(long id);

  Optional<Account> findByEmail(EmailAddress email);

  /**
   * Adds a new account (with its linked identities) and writes it at once.
   *
   * @throws DuplicateEmailException when another account already has this email or one of its
   *     identities is linked elsewhere (also when a concurrent registration won the race)
   */
  Account add(Account account);

  /**
   * Writes pending changes at once.
   *
   * @throws DuplicateEmailException as for {@link #add}, for a newly linked identity
   */
  void flush();
}
