package io.latchkey.interfaces.web.security;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable values for the browser to hold: 32 random bytes, base64url (43 characters). */
final class RandomTokens {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private RandomTokens() {}

  static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return BASE64URL.encodeToString(bytes);
  }
}
