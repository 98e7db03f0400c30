package io.latchkey.infrastructure.security;

import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.glassfish.jersey.client.spi.PostInvocationInterceptor;
import org.glassfish.jersey.client.spi.PreInvocationInterceptor;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;

/**
 * Payara (Jersey): every JAX-RS client of this application times its calls for the operator metrics
 * ({@link ProviderCalls}). Jersey's invocation interceptors see each call before its filters and
 * after its answer or its failure (a refused connection or a timeout, which response filters never
 * see). Found the same way as {@link JerseyClientTimeouts}.
 */
public class JerseyProviderCalls implements ForcedAutoDiscoverable {

  @Override
  public void configure(FeatureContext context) {
    if (context.getConfiguration().getRuntimeType() == RuntimeType.CLIENT
        && !context.getConfiguration().isRegistered(Timing.class)) {
      context.register(Timing.class);
    }
  }

  /** Notes the start of each call and records its end. */
  public static class Timing implements PreInvocationInterceptor, PostInvocationInterceptor {

    private static final String STARTED = Timing.class.getName() + ".started";

    @Override
    public void beforeRequest(ClientRequestContext request) {
      request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void afterRequest(ClientRequestContext request, ClientResponseContext response) {
      record(request, ProviderCalls.outcomeOf(response.getStatus()));
    }

    @Override
    public void onException(ClientRequestContext request, ExceptionContext exception) {
      record(request, ProviderCalls.Outcome.FAILED);
    }

    private static void record(ClientRequestContext request, ProviderCalls.Outcome outcome) {
      if (request.getProperty(STARTED) instanceof Long started) {
        ProviderCalls.record(
            ProviderCalls.endpoint(
                request.getMethod(),
                request.getUri(),
                request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)),
            outcome,
            started);
      }
    }
  }
}
