package io.latchkey.testing.fakes;

import io.latchkey.domain.SeenLogoutToken;
import io.latchkey.domain.SeenLogoutTokens;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The logout tokens acted on, in a map keyed like the table. */
public final class InMemorySeenLogoutTokens implements SeenLogoutTokens {

  private final Map<String, Instant> rows = new ConcurrentHashMap<>();

  @Override
  public boolean seen(String issuer, String jti) {
    return rows.containsKey(SeenLogoutToken.idOf(issuer, jti));
  }

  @Override
  public void add(SeenLogoutToken token) {
    if (rows.putIfAbsent(token.getId(), token.getExpiresAt()) != null) {
      throw new IllegalStateException("duplicate key " + token.getId());
    }
  }

  @Override
  public int removeExpired(Instant now) {
    int before = rows.size();
    rows.values().removeIf(expiresAt -> expiresAt.isBefore(now));
    return before - rows.size();
  }

  public int size() {
    return rows.size();
  }
}
