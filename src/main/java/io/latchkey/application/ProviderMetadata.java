package io.latchkey.application;

import java.util.Optional;

/**
 * What the configured OpenID provider's discovery document says beyond what the standard mechanism
 * uses itself; implemented by the infrastructure, which fetches and caches it.
 */
public interface ProviderMetadata {

  /** The provider's {@code jwks_uri}: its signing keys (fetched once if no look was taken yet). */
  Optional<String> jwksUri();

  /** The provider's {@code token_endpoint}, for refresh grants (fetched once if not yet). */
  Optional<String> tokenEndpoint();

  /** The provider's {@code revocation_endpoint} (RFC 7009), if it has one. */
  Optional<String> revocationEndpoint();

  /** The provider's {@code end_session_endpoint} (RP-initiated logout), if it has one. */
  Optional<String> endSessionEndpoint();

  /**
   * Why the provider must not be used, when its discovery document contradicts the configuration
   * (another issuer, a missing endpoint): codes and the client secret would go to endpoints nobody
   * configured. Empty when consistent, and while the provider cannot be reached (the standard
   * mechanism then fails on its own, with a page).
   */
  Optional<String> inconsistency();

  /**
   * Whether the provider promises to name itself in every authorization response ({@code
   * authorization_response_iss_parameter_supported}, RFC 9207): a callback without {@code iss} is
   * then refused.
   */
  boolean namesIssuerInAuthorizationResponses();

  /**
   * {@link #inconsistency()} as the last look found it, without looking again: for pages, which
   * must never wait for the provider. Empty before the first look.
   */
  Optional<String> lastKnownInconsistency();
}
