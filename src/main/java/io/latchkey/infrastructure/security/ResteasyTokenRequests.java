package io.latchkey.infrastructure.security;

import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import org.jboss.resteasy.client.jaxrs.engines.ApacheHttpClient43Engine;
import org.jboss.resteasy.client.jaxrs.internal.ClientInvocation;

/**
 * WildFly (RESTEasy): the HTTP engine {@link ResteasyClientTimeouts} builds, which sends the
 * standard mechanism's token request as {@link TokenRequests} says (PKCE verifier, Basic client
 * authentication), and times every call for the operator metrics ({@link ProviderCalls}). The
 * engine sees each request after the client's own filters ran, just before it is written;
 * everything else passes through unchanged to the engine RESTEasy built.
 *
 * <p>Why it extends RESTEasy's Apache engine instead of only wrapping one: while sending, that
 * engine casts its client's engine to its own class to read the HTTP client's request settings (the
 * timeouts). So this one is of that class and answers with the same HTTP client, which stays the
 * built engine's to close.
 */
@SuppressWarnings("removal") // RESTEasy 6.2's default engine; its replacement is not released.
final class ResteasyTokenRequests extends ApacheHttpClient43Engine {

  private final ApacheHttpClient43Engine engine;

  ResteasyTokenRequests(ApacheHttpClient43Engine engine) {
    super(engine.getHttpClient(), false);
    this.engine = engine;
  }

  @Override
  public Response invoke(Invocation invocation) {
    if (!(invocation instanceof ClientInvocation request)) {
      return engine.invoke(invocation);
    }
    TokenRequests.rewrite(request.getMethod(), request.getEntity())
        .ifPresent(
            rewritten -> {
              request.setEntity(Entity.form(rewritten.form()));
              if (rewritten.authorization() != null) {
                request.getHeaders().header(HttpHeaders.AUTHORIZATION, rewritten.authorization());
              }
            });
    String endpoint =
        ProviderCalls.endpoint(
            request.getMethod(),
            request.getUri(),
            request.getHeaders().getHeader(HttpHeaders.AUTHORIZATION) != null);
    long started = System.nanoTime();
    Response response;
    try {
      response = engine.invoke(invocation);
    } catch (RuntimeException e) {
      ProviderCalls.record(endpoint, ProviderCalls.Outcome.FAILED, started);
      throw e;
    }
    ProviderCalls.record(endpoint, ProviderCalls.outcomeOf(response.getStatus()), started);
    return response;
  }

  @Override
  public SSLContext getSslContext() {
    return engine.getSslContext();
  }

  @Override
  public HostnameVerifier getHostnameVerifier() {
    return engine.getHostnameVerifier();
  }

  @Override
  public boolean isFollowRedirects() {
    return engine.isFollowRedirects();
  }

  @Override
  public void setFollowRedirects(boolean followRedirects) {
    engine.setFollowRedirects(followRedirects);
  }

  @Override
  public void close() {
    engine.close();
  }
}
