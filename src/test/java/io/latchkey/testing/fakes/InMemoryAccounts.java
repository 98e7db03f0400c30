package io.latchkey.testing.fakes;

import io.latchkey.domain.Account;
import io.latchkey.domain.AccountQuery;
import io.latchkey.domain.AccountRepository;
import io.latchkey.domain.DuplicateEmailException;
import io.latchkey.domain.EmailAddress;
import io.latchkey.domain.IdentityKey;
import io.latchkey.domain.LinkedIdentity;
import io.latchkey.domain.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps accounts like the database would: ids are given on {@link #add} (to the account and its
 * linked identities) and on {@link #flush} (to identities linked since), and the unique keys hold:
 * one account per email, one link per (issuer, subject), else {@link DuplicateEmailException}.
 * Changes to a kept account are visible at once, as within one transaction.
 */
public final class InMemoryAccounts implements AccountRepository {

  private final Map<Long, Account> byId = new LinkedHashMap<>();
  private long lastAccountId;
  private long lastIdentityId;
  private int flushes;

  @Override
  public Optional<Account> findById(long id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public List<LinkedIdentity> linkedIdentitiesOf(long accountId) {
    return findById(accountId).map(Account::getIdentities).orElse(List.of());
  }

  @Override
  public Optional<Account> findWithRoles(long id) {
    return findById(id);
  }

  @Override
  public Optional<Account> findByIdForUpdate(long id) {
    return findById(id);
  }

  @Override
  public Optional<Account> findByEmail(EmailAddress email) {
    return byId.values().stream()
        .filter(account -> account.getEmail().equals(Optional.of(email)))
        .findFirst();
  }

  @Override
  public Account add(Account account) {
    if (account.getEmail().flatMap(this::findByEmail).isPresent()) {
      throw new DuplicateEmailException(null);
    }
    Entities.setField(account, "id", ++lastAccountId);
    byId.put(lastAccountId, account);
    try {
      writeIdentities();
    } catch (DuplicateEmailException e) {
      byId.remove(lastAccountId);
      throw e;
    }
    return account;
  }

  @Override
  public void flush() {
    flushes++;
    writeIdentities();
  }

  @Override
  public List<Account> search(AccountQuery query, int offset, int limit) {
    throw new UnsupportedOperationException("not needed by the tests that use this fake");
  }

  @Override
  public long countActiveWithGrantedRole(Role role) {
    return byId.values().stream()
        .filter(Account::isActive)
        .filter(account -> account.getRoles().contains(role))
        .count();
  }

  @Override
  public void remove(Account account) {
    byId.remove(account.getId());
  }

  /** Every account kept, in the order added. */
  public List<Account> all() {
    return List.copyOf(byId.values());
  }

  /** Every link of every account kept. */
  public List<LinkedIdentity> identities() {
    List<LinkedIdentity> identities = new ArrayList<>();
    byId.values().forEach(account -> identities.addAll(account.getIdentities()));
    return identities;
  }

  /** How often pending changes were written. */
  public int flushes() {
    return flushes;
  }

  /** Checks the unique key (issuer, subject), then gives ids to links that have none yet. */
  private void writeIdentities() {
    List<IdentityKey> keys = identities().stream().map(LinkedIdentity::getIdentityKey).toList();
    if (keys.stream().distinct().count() < keys.size()) {
      throw new DuplicateEmailException(null);
    }
    for (LinkedIdentity identity : identities()) {
      if (Entities.getField(identity, "id") == null) {
        Entities.setField(identity, "id", ++lastIdentityId);
      }
    }
  }
}
