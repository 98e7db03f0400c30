package io.latchkey.domain;

import java.util.List;
import java.util.Optional;

/** Where accounts are kept. */
public interface AccountRepository {

  Optional<Account> findById(long id);

  /** The account with its roles, in one statement: the check that every request makes. */
  Optional<Account> findWithRoles(long id);

  /** The identities linked to the account, oldest first, in one statement (no account read). */
  List<LinkedIdentity> linkedIdentitiesOf(long accountId);

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
   * One page of accounts matching the query, in its order (ties broken by id).
   *
   * @param limit at most this many; ask for one more than a page to learn whether another follows
   */
  List<Account> search(AccountQuery query, int offset, int limit);

  /**
   * Active accounts holding a granted role (configured admins are not counted here), locked until
   * the transaction ends, so that a rule such as "the last admin stays" holds under concurrency.
   */
  long countActiveWithGrantedRole(Role role);

  /** Deletes the account with its linked identities and roles. */
  void remove(Account account);

  /**
   * Writes pending changes at once.
   *
   * @throws DuplicateEmailException as for {@link #add}, for a newly linked identity
   */
  void flush();
}
