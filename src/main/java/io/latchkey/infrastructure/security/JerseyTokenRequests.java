package io.latchkey.infrastructure.security;

import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;

/**
 * Payara (Jersey): every JAX-RS client of this application gets a request filter that sends the
 * standard mechanism's token request as {@link TokenRequests} says (PKCE verifier, Basic client
 * authentication). Found the same way as {@link JerseyClientTimeouts}.
 */
public class JerseyTokenRequests implements ForcedAutoDiscoverable {

  @Override
  public void configure(FeatureContext context) {
    if (context.getConfiguration().getRuntimeType() == RuntimeType.CLIENT
        && !context.getConfiguration().isRegistered(Filter.class)) {
      context.register(Filter.class);
    }
  }

  /** Rewrites the token request of the callback running on this thread; leaves all else alone. */
  public static class Filter implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
      TokenRequests.rewrite(request.getMethod(), request.getEntity())
          .ifPresent(
              rewritten -> {
                request.setEntity(
                    rewritten.form(),
                    request.getEntityAnnotations(),
                    MediaType.APPLICATION_FORM_URLENCODED_TYPE);
                if (rewritten.authorization() != null) {
                  request.getHeaders().putSingle("Authorization", rewritten.authorization());
                }
              });
    }
  }
}
