package io.latchkey.infrastructure.security;

import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The connect and read timeouts of every call to the OpenID provider, for the server's JAX-RS
 * client that the standard OpenID mechanism uses ({@code ClientBuilder.newClient()}, which has no
 * timeouts of its own).
 *
 * <p>Each server's client is reached through its own extension point, one class per server, both in
 * the same WAR: {@link JerseyClientTimeouts} (Payara: Jersey's auto-discovery) and {@link
 * ResteasyClientTimeouts} (WildFly: RESTEasy's HTTP engine factory). Both are listed in {@code
 * META-INF/services}; each server reads only its own file, and neither class is loaded on the other
 * server. They run outside CDI (the JAX-RS client builds them), so they read MicroProfile Config
 * directly, through the WAR's class loader.
 *
 * <p>Configuration: {@code OIDC_CONNECT_TIMEOUT_SECONDS} (default 5), {@code
 * OIDC_READ_TIMEOUT_SECONDS} (default 10), the same settings as {@link OpenIdSettings}.
 */
record ProviderCallTimeouts(Duration connect, Duration read) {

  static ProviderCallTimeouts fromConfig() {
    Config config = ConfigProvider.getConfig(ProviderCallTimeouts.class.getClassLoader());
    return new ProviderCallTimeouts(
        seconds(config, "OIDC_CONNECT_TIMEOUT_SECONDS", 5),
        seconds(config, "OIDC_READ_TIMEOUT_SECONDS", 10));
  }

  private static Duration seconds(Config config, String name, int defaultSeconds) {
    return Duration.ofSeconds(config.getOptionalValue(name, Integer.class).orElse(defaultSeconds));
  }
}
