package io.latchkey.application;

import java.util.Optional;

/**
 * What the configured OpenID provider's discovery document says beyond what the standard mechanism
 * uses itself; implemented by the infrastructure, which fetches and caches it.
 */
public interface ProviderMetadata {

  /** The provider's {@code end_session_endpoint} (RP-initiated logout), if it has one. */
  Optional<String> endSessionEndpoint();
}
