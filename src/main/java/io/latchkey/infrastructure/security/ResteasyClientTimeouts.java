package io.latchkey.infrastructure.security;

import jakarta.ws.rs.client.ClientBuilder;
import java.util.concurrent.TimeUnit;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.nio.client.HttpAsyncClients;
import org.jboss.resteasy.client.jaxrs.ClientHttpEngine;
import org.jboss.resteasy.client.jaxrs.ResteasyClientBuilder;
import org.jboss.resteasy.client.jaxrs.api.ClientBuilderConfiguration;
import org.jboss.resteasy.client.jaxrs.engine.ClientHttpEngineFactory;
import org.jboss.resteasy.client.jaxrs.engines.ApacheHttpAsyncClient4Engine;
import org.jboss.resteasy.client.jaxrs.engines.ApacheHttpClient43Engine;
import org.jboss.resteasy.client.jaxrs.engines.AsyncClientHttpEngine;
import org.jboss.resteasy.client.jaxrs.engines.ClientHttpEngineBuilder43;

/**
 * WildFly (RESTEasy 6.2.11 and later): builds the HTTP engine of every JAX-RS client of this
 * application with the {@link ProviderCallTimeouts}, unless the client sets its own, and with the
 * token request changes of {@link ResteasyTokenRequests}.
 *
 * <p>Why this way: RESTEasy has no default timeout, no system property for one and no Jersey-like
 * auto-discovery, but each new {@code ClientBuilder} looks up a {@code ClientHttpEngineFactory}
 * through the thread's context class loader ({@code
 * META-INF/services/org.jboss.resteasy.client.jaxrs.engine.ClientHttpEngineFactory}), which during
 * a request is this application's. The engine is RESTEasy's own default (Apache HttpClient 4) built
 * from a copy of the builder's settings with the timeouts filled in, so TLS, proxy and redirect
 * settings of a client still apply. The WAR sees RESTEasy's classes through {@code
 * WEB-INF/jboss-deployment-structure.xml}; Payara never reads the service file.
 */
public class ResteasyClientTimeouts implements ClientHttpEngineFactory {

  /** The engine of {@code build()}: what the standard OpenID mechanism's client uses. */
  @Override
  @SuppressWarnings("removal") // RESTEasy 6.2's default engine; its replacement is not released.
  public ClientHttpEngine httpClientEngine(ClientBuilderConfiguration configuration) {
    ProviderCallTimeouts timeouts = ProviderCallTimeouts.fromConfig();
    ResteasyClientBuilder copy =
        ((ResteasyClientBuilder) ClientBuilder.newBuilder())
            .connectTimeout(
                millis(configuration.connectionTimeout(MILLIS), timeouts.connect()), MILLIS)
            .readTimeout(millis(configuration.readTimeout(MILLIS), timeouts.read()), MILLIS)
            .connectionTTL(configuration.connectionIdleTime(MILLIS), MILLIS)
            .sniHostNames(configuration.sniHostNames().toArray(String[]::new));
    copy.setFollowRedirects(configuration.isFollowRedirects());
    if (configuration.isCookieManagementEnabled()) {
      copy.enableCookieManagement();
    }
    if (configuration.sslContext() != null) {
      copy.sslContext(configuration.sslContext());
    }
    if (configuration.defaultProxyHostname() != null) {
      copy.defaultProxy(
          configuration.defaultProxyHostname(),
          configuration.defaultProxyPort(),
          configuration.defaultProxyScheme());
    }
    ClientHttpEngine engine = new ClientHttpEngineBuilder43().resteasyClientBuilder(copy).build();
    return engine instanceof ApacheHttpClient43Engine apache
        ? new ResteasyTokenRequests(apache)
        : engine;
  }

  /** The engine of {@code useAsyncHttpEngine()} (not used by the OpenID mechanism). */
  @Override
  public AsyncClientHttpEngine asyncHttpClientEngine(ClientBuilderConfiguration configuration) {
    ProviderCallTimeouts timeouts = ProviderCallTimeouts.fromConfig();
    RequestConfig requestConfig =
        RequestConfig.custom()
            .setConnectTimeout(
                (int) millis(configuration.connectionTimeout(MILLIS), timeouts.connect()))
            .setSocketTimeout((int) millis(configuration.readTimeout(MILLIS), timeouts.read()))
            .build();
    return new ApacheHttpAsyncClient4Engine(
        HttpAsyncClients.custom()
            .useSystemProperties()
            .setDefaultRequestConfig(requestConfig)
            .build(),
        true);
  }

  private static final TimeUnit MILLIS = TimeUnit.MILLISECONDS;

  /** The client's own timeout if it set one (RESTEasy answers -1 for none), else ours. */
  private static long millis(long own, java.time.Duration ours) {
    return own > 0 ? own : ours.toMillis();
  }
}
