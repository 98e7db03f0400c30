package io.latchkey.domain;

import java.time.Instant;

/** The back-channel logout tokens already acted on ({@link SeenLogoutToken}). */
public interface SeenLogoutTokens {

  boolean seen(String issuer, String jti);

  /** Records the token; the transaction fails if another request recorded it first. */
  void add(SeenLogoutToken token);

  int removeExpired(Instant now);
}
