package io.latchkey.interfaces.web.security;

/**
 * Where a user goes after authenticating again ({@code account/confirm}, or the provider's
 * re-authentication flow): the key is the {@code ?then=} value of both.
 */
public enum ReturnTo {
  ACCOUNT("account"),
  /** On to the provider flow that links another identity. */
  LINK("link"),
  /** Back to the admin console. */
  ADMIN("admin");

  private final String key;

  ReturnTo(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** The destination named by a {@code ?then=} value; {@link #ACCOUNT} for anything unknown. */
  public static ReturnTo ofKey(String key) {
    for (ReturnTo value : values()) {
      if (value.key.equals(key)) {
        return value;
      }
    }
    return ACCOUNT;
  }
}
