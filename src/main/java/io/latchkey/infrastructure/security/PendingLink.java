package io.latchkey.infrastructure.security;

import io.latchkey.domain.ExternalProfile;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * A provider identity waiting, in this browser's session only, for the owner of the account with
 * the same verified email to confirm the link with the account's password ({@code /link}).
 *
 * @param id random, carried by the link form so that a form shown for an older pending link cannot
 *     complete a newer one
 */
public record PendingLink(
    String id, long accountId, String accountEmail, ExternalProfile identity, Instant createdAt)
    implements Serializable {

  /** How long the owner has to confirm. */
  public static final Duration LIFETIME = Duration.ofMinutes(10);

  static final String ATTRIBUTE = "io.latchkey.pendingLink";

  boolean isExpired(Instant now) {
    return createdAt.plus(LIFETIME).isBefore(now);
  }
}
