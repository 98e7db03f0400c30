package io.latchkey.testing.provider;

/** How {@link TestProvider} breaks one login on purpose; {@link #NONE} leaves it intact. */
public enum Hostility {
  /** A correct RS256 id_token signed with the key the JWKS serves. */
  NONE,
  /** Signed with a key the JWKS does not serve, under the current key's kid. */
  WRONG_KEY,
  /** Unsigned: header {@code alg=none} and an empty signature. */
  ALG_NONE,
  /** Signed with HS256 using the client secret as the HMAC key. */
  HS256_WITH_CLIENT_SECRET,
  /** The {@code iss} claim names another issuer. */
  WRONG_ISSUER,
  /** The {@code aud} claim names another client. */
  WRONG_AUDIENCE,
  /**
   * The {@code aud} claim names the client and another one (with {@code azp} the client): refused
   * unless the other audience is trusted (OpenID Core 3.1.3.7).
   */
  EXTRA_AUDIENCE,
  /** The {@code azp} claim names another client. */
  WRONG_AZP,
  /** {@code exp} one hour ago, {@code iat} two hours ago. */
  EXPIRED,
  /** The {@code nonce} claim differs from the one sent to the authorization endpoint. */
  WRONG_NONCE,
  /** No {@code sub} claim. */
  MISSING_SUB,
  /** The token endpoint answers 500. */
  TOKEN_ENDPOINT_500,
  /** The token endpoint answers 200 with an HTML page instead of JSON. */
  TOKEN_ENDPOINT_HTML,
  /** The token endpoint waits {@link TestProvider#setHangDuration} before a correct answer. */
  TOKEN_ENDPOINT_HANG,
  /** The authorization endpoint redirects back with {@code error=access_denied}. */
  DENY,
  /**
   * The id_token has no {@code email}, {@code email_verified}, {@code name} or {@code picture}:
   * only the userinfo endpoint tells them (OpenID Core allows it; many providers do it).
   */
  PROFILE_ONLY_AT_USERINFO,
  /** As {@link #PROFILE_ONLY_AT_USERINFO}, and the userinfo response names another {@code sub}. */
  USERINFO_OTHER_SUBJECT
}
