package io.latchkey.infrastructure.security;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * Why a signed-in user went to the provider: to connect an identity to their account, or to
 * authenticate again before a sensitive change. Kept in the session that started the flow and taken
 * out at the callback, so a callback of a flow started elsewhere cannot act on this account.
 *
 * @param then where to go after a re-authentication ({@code account} or {@code connect})
 */
record ProviderIntent(Kind kind, long accountId, Instant createdAt, String then)
    implements Serializable {

  enum Kind {
    CONNECT,
    REAUTHENTICATE
  }

  static final String ATTRIBUTE = "io.latchkey.providerIntent";
  static final Duration LIFETIME = Duration.ofMinutes(10);

  boolean isExpired(Instant now) {
    return createdAt.plus(LIFETIME).isBefore(now);
  }
}
