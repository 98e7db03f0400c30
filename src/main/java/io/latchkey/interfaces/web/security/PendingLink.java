package io.latchkey.interfaces.web.security;

import io.latchkey.domain.ProviderIdentity;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * An identity waiting, in this browser's session only, for the owner of the account with the same
 * verified email to confirm the link with the account's password ({@code /link}).
 *
 * @param id random, carried by the link form so that a form shown for an older pending link cannot
 *     complete a newer one
 */
public record PendingLink(
    String id, long accountId, String accountEmail, ProviderIdentity identity, Instant createdAt)
    implements Serializable {

  /** How long the owner has to confirm. */
  public static final Duration LIFETIME = Duration.ofMinutes(10);

  boolean isExpired(Instant now) {
    return createdAt.plus(LIFETIME).isBefore(now);
  }
}
