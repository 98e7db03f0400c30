package io.latchkey.infrastructure.security;

import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.FeatureContext;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;

/**
 * Gives every JAX-RS client of this application a connect and a read timeout, unless the client
 * sets its own.
 *
 * <p>Why: the standard OpenID mechanism calls the provider's discovery, token and userinfo
 * endpoints through {@code ClientBuilder.newClient()} without timeouts, so a hanging provider would
 * hold the user's request (and a server thread) for good. Replacing the {@code ClientBuilder} does
 * not work: {@code ServiceLoader} lists the server's Jersey builder before the application's.
 * Jersey does apply every {@code ForcedAutoDiscoverable} that the thread's context class loader
 * lists ({@code META-INF/services/org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable}) to
 * each new client, and during a request that loader is this application's. Payara bundles Jersey;
 * on a server with another JAX-RS client (WildFly: RESTEasy) this class is not used.
 *
 * <p>Configuration: {@code OIDC_CONNECT_TIMEOUT_SECONDS} (default 5), {@code
 * OIDC_READ_TIMEOUT_SECONDS} (default 10).
 */
public class ProviderCallTimeouts implements ForcedAutoDiscoverable {

  static final String CONNECT_TIMEOUT = "jersey.config.client.connectTimeout";
  static final String READ_TIMEOUT = "jersey.config.client.readTimeout";

  @Override
  public void configure(FeatureContext context) {
    Configuration configuration = context.getConfiguration();
    if (configuration.getRuntimeType() != RuntimeType.CLIENT) {
      return;
    }
    Config config = ConfigProvider.getConfig(ProviderCallTimeouts.class.getClassLoader());
    if (!configuration.getProperties().containsKey(CONNECT_TIMEOUT)) {
      context.property(CONNECT_TIMEOUT, millis(config, "OIDC_CONNECT_TIMEOUT_SECONDS", 5));
    }
    if (!configuration.getProperties().containsKey(READ_TIMEOUT)) {
      context.property(READ_TIMEOUT, millis(config, "OIDC_READ_TIMEOUT_SECONDS", 10));
    }
  }

  private static int millis(Config config, String name, int defaultSeconds) {
    int seconds = config.getOptionalValue(name, Integer.class).orElse(defaultSeconds);
    return (int) Duration.ofSeconds(seconds).toMillis();
  }
}
