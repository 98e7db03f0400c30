package io.latchkey.infrastructure.security;

import io.latchkey.infrastructure.metrics.PrometheusMetrics;
import jakarta.enterprise.inject.spi.CDI;
import java.net.URI;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts and times the calls of the server's JAX-RS client to the provider, for the operator
 * metrics: seen by {@link JerseyProviderCalls} on Payara and by {@link ResteasyTokenRequests} on
 * WildFly. They run outside CDI (the client builds them), so the metrics are looked up here.
 *
 * <p>The endpoint is told from the request alone: the token request is the mechanism's only POST,
 * the discovery document has its well-known path, and the userinfo request carries the access
 * token. No URL or header value is kept.
 */
final class ProviderCalls {

  private static final Logger LOG = Logger.getLogger(ProviderCalls.class.getName());
  private static final String DISCOVERY = "/.well-known/openid-configuration";

  /** How a call ended. */
  enum Outcome {
    /** An answer with a status below 400. */
    OK,
    /** An HTTP error status. */
    ERROR,
    /** No answer: refused, reset or timed out. */
    FAILED
  }

  private ProviderCalls() {}

  /** The endpoint kind of a request: {@code token}, {@code discovery}, {@code userinfo}, … */
  static String endpoint(String method, URI uri, boolean carriesAuthorization) {
    if ("POST".equalsIgnoreCase(method)) {
      return "token";
    }
    String path = uri == null || uri.getPath() == null ? "" : uri.getPath();
    if (path.endsWith(DISCOVERY)) {
      return "discovery";
    }
    return carriesAuthorization ? "userinfo" : "other";
  }

  /** Records one call; never fails the call itself. */
  static void record(String endpoint, Outcome outcome, long startedNanos) {
    Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
    try {
      CDI.current()
          .select(PrometheusMetrics.class)
          .get()
          .providerCall(endpoint, outcome.name().toLowerCase(java.util.Locale.ROOT), took);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "A provider call was not counted", e);
    }
  }

  static Outcome outcomeOf(int status) {
    return status >= 400 ? Outcome.ERROR : Outcome.OK;
  }
}
