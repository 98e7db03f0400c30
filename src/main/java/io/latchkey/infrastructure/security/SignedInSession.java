package io.latchkey.infrastructure.security;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * All that an HTTP session remembers of a sign-in: ids and times, never the account itself, so that
 * it stays small, serializable and replicable, and so that roles and status are read fresh.
 *
 * @param accountId the signed-in account
 * @param generation the account's session generation at sign-in; a credential change or an admin
 *     bumps it to end the session
 * @param signedInAt when the user last authenticated (for the absolute timeout and
 *     re-authentication checks)
 * @param idTokenHint the provider's id_token, kept only when {@code OIDC_LOGOUT_AT_PROVIDER} is on
 *     and only as the hint that logout at the provider needs (about 1 KB); never used to sign in
 */
public record SignedInSession(
    long accountId, int generation, Instant signedInAt, String idTokenHint)
    implements Serializable {

  static final String ATTRIBUTE = "io.latchkey.signedIn";

  boolean isOlderThan(Duration maxAge, Instant now) {
    return signedInAt.plus(maxAge).isBefore(now);
  }

  /** The same sign-in, authenticated again now. */
  SignedInSession reauthenticatedAt(Instant now) {
    return new SignedInSession(accountId, generation, now, idTokenHint);
  }
}
