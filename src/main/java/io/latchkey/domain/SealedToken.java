package io.latchkey.domain;

import java.util.Objects;

/**
 * A token as the database keeps it: sealed (encrypted and authenticated) under the key named by
 * {@code keyId}. Only the application's token vault can open it.
 */
public record SealedToken(String keyId, String value) {

  public SealedToken {
    Objects.requireNonNull(keyId);
    Objects.requireNonNull(value);
  }

  @Override
  public String toString() {
    return "SealedToken[keyId=" + keyId + "]";
  }
}
