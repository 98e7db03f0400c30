package io.latchkey.application;

import io.latchkey.domain.AccountStatus;
import io.latchkey.domain.Role;
import java.io.Serializable;
import java.time.Instant;
import java.util.Set;

/**
 * A read-only copy of an account as the web layer needs it, with its effective roles.
 *
 * <p>Read fresh for each request, so that a disabled account or a changed role takes effect at
 * once; nothing of it is kept in the HTTP session.
 */
public record AccountView(
    long id,
    /** Null for a provider-only account whose provider did not verify an email. */
    String email,
    String displayName,
    AccountStatus status,
    Set<Role> roles,
    int sessionGeneration,
    boolean hasPassword,
    Instant createdAt,
    Instant lastSignInAt)
    implements Serializable {

  public AccountView {
    roles = Set.copyOf(roles);
  }

  public boolean isActive() {
    return status == AccountStatus.ACTIVE;
  }

  public boolean hasRole(Role role) {
    return roles.contains(role);
  }
}
