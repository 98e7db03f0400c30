package io.latchkey.infrastructure.persistence;

import io.latchkey.application.AccountStates;
import io.latchkey.domain.Account;
import io.latchkey.domain.LinkedIdentity;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * Tells {@link AccountStates} of every account, and every linked identity, that this instance
 * writes, so that its next request reads the account again (roles, status, session generation and
 * the configured admin's proof all live there). Declared for both entities in {@code
 * META-INF/orm.xml}, which keeps the domain free of it.
 *
 * <p>The JPA provider makes the listener; {@link AccountStates} is looked up through CDI on first
 * use rather than injected, since EclipseLink and Hibernate do not make listeners at the same
 * moment of deployment.
 */
public class AccountChangeListener {

  private volatile AccountStates states;

  @PostPersist
  @PostUpdate
  @PostRemove
  void written(Object entity) {
    Long accountId = accountIdOf(entity);
    if (accountId != null) {
      states().changed(accountId);
    }
  }

  private static Long accountIdOf(Object entity) {
    if (entity instanceof Account account) {
      return account.getId();
    }
    if (entity instanceof LinkedIdentity identity && identity.getAccount() != null) {
      return identity.getAccount().getId();
    }
    return null;
  }

  private AccountStates states() {
    AccountStates found = states;
    if (found == null) {
      found = CDI.current().select(AccountStates.class).get();
      states = found;
    }
    return found;
  }
}
