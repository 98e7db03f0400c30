package io.latchkey.testing.fakes;

import io.latchkey.domain.IdentityKey;
import io.latchkey.domain.LinkedIdentity;
import io.latchkey.domain.LinkedIdentityRepository;
import java.util.Optional;

/** Finds links among the identities of the accounts an {@link InMemoryAccounts} keeps. */
public final class InMemoryIdentities implements LinkedIdentityRepository {

  private final InMemoryAccounts accounts;

  public InMemoryIdentities(InMemoryAccounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public Optional<LinkedIdentity> find(IdentityKey subject) {
    return accounts.identities().stream()
        .filter(identity -> identity.getIdentityKey().equals(subject))
        .findFirst();
  }
}
