package io.latchkey.interfaces.web.security;

import io.latchkey.application.Keyed;

/**
 * Where a user goes after authenticating again ({@code account/confirm}, or the provider's
 * re-authentication flow): the key is the {@code ?then=} value of both.
 */
public enum ReturnTo implements Keyed {
  ACCOUNT("account"),
  /** On to the provider flow that links another identity. */
  LINK("link"),
  /** Back to the admin console. */
  ADMIN("admin");

  private final String key;

  ReturnTo(String key) {
    this.key = key;
  }

  @Override
  public String key() {
    return key;
  }

  /** The destination named by a {@code ?then=} value; {@link #ACCOUNT} for anything unknown. */
  public static ReturnTo ofKey(String key) {
    return Keyed.byKey(ReturnTo.class, key).orElse(ACCOUNT);
  }
}
