package io.latchkey.interfaces.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Proof Key for Code Exchange (RFC 7636) with the S256 method: a code stolen on its way back from
 * the provider is worth nothing without the verifier, which never leaves this server before the
 * token request.
 */
final class Pkce {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private Pkce() {}

  /** A new verifier: 32 random bytes, base64url (43 characters of the unreserved set). */
  static String newVerifier() {
    return RandomTokens.newToken();
  }

  /** The S256 challenge of a verifier: base64url(SHA-256(verifier)). */
  static String challenge(String verifier) {
    try {
      return BASE64URL.encodeToString(
          MessageDigest.getInstance("SHA-256")
              .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
