package io.latchkey.infrastructure.security;

import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.FeatureContext;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;

/**
 * Payara (Jersey): gives every JAX-RS client of this application the {@link ProviderCallTimeouts},
 * unless the client sets its own.
 *
 * <p>Why this way: replacing the {@code ClientBuilder} does not work, because {@code ServiceLoader}
 * lists the server's Jersey builder before the application's. Jersey does apply every {@code
 * ForcedAutoDiscoverable} that the thread's context class loader lists ({@code
 * META-INF/services/org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable}) to each new client,
 * and during a request that loader is this application's. WildFly never reads that file (its client
 * is RESTEasy: {@link ResteasyClientTimeouts}).
 */
public class JerseyClientTimeouts implements ForcedAutoDiscoverable {

  static final String CONNECT_TIMEOUT = "jersey.config.client.connectTimeout";
  static final String READ_TIMEOUT = "jersey.config.client.readTimeout";

  @Override
  public void configure(FeatureContext context) {
    Configuration configuration = context.getConfiguration();
    if (configuration.getRuntimeType() != RuntimeType.CLIENT) {
      return;
    }
    ProviderCallTimeouts timeouts = ProviderCallTimeouts.fromConfig();
    if (!configuration.getProperties().containsKey(CONNECT_TIMEOUT)) {
      context.property(CONNECT_TIMEOUT, (int) timeouts.connect().toMillis());
    }
    if (!configuration.getProperties().containsKey(READ_TIMEOUT)) {
      context.property(READ_TIMEOUT, (int) timeouts.read().toMillis());
    }
  }
}
