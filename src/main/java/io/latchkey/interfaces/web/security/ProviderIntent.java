package io.latchkey.interfaces.web.security;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * Why a signed-in user went to the provider: to link another identity to their account, to
 * authenticate again before a sensitive change, or to grant access to the provider's API through
 * one of their linked identities. Kept in the session that started the flow and taken out at the
 * callback, so a callback of a flow started elsewhere cannot act on this account.
 *
 * @param then where a re-authentication continues
 * @param identityId for a connect flow, the linked identity that must come back; else null
 */
record ProviderIntent(Kind kind, long accountId, Instant createdAt, ReturnTo then, Long identityId)
    implements Serializable {

  enum Kind {
    LINK,
    REAUTHENTICATE,
    CONNECT
  }

  static final Duration LIFETIME = Duration.ofMinutes(10);

  boolean isExpired(Instant now) {
    return createdAt.plus(LIFETIME).isBefore(now);
  }
}
