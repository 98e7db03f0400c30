package io.latchkey.application;

import java.time.Duration;
import java.util.Optional;

/**
 * The provider's token endpoint for refresh grants and its revocation endpoint (RFC 7009), with the
 * same client authentication and timeouts as the sign-in's calls; implemented by the
 * infrastructure. No token is ever logged by an implementation.
 */
public interface ProviderTokens {

  /** What a refresh grant came to. */
  sealed interface Refresh {
    /**
     * @param rotated the new refresh token, when the provider rotates them; the old one is void
     */
    record Granted(String accessToken, Duration expiresIn, Optional<String> rotated)
        implements Refresh {
      @Override
      public String toString() {
        return "Granted[expiresIn=" + expiresIn + ", rotated=" + rotated.isPresent() + "]";
      }
    }

    /** The provider refused the refresh token ({@code invalid_grant}): the grant is gone. */
    record Refused(String error) implements Refresh {}

    /** No usable answer: unreachable, slow, an error status, not JSON. */
    record Unavailable(String reason) implements Refresh {}
  }

  Refresh refresh(String refreshToken);

  /** What a revocation request came to. */
  sealed interface Revocation {
    /** The provider answered 200: the token (and, at Google, its whole grant) is void. */
    record Revoked() implements Revocation {}

    /** The provider publishes no {@code revocation_endpoint}. */
    record NoEndpoint() implements Revocation {}

    record Failed(String reason) implements Revocation {}
  }

  Revocation revoke(String refreshToken);
}
