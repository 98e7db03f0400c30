package io.latchkey.infrastructure.security;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Configuration;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;

/**
 * The JAX-RS {@code ClientBuilder} of this application: the server's own builder, except that a
 * client asked for with no configuration at all ({@code ClientBuilder.newClient()}, the way the
 * standard OpenID mechanism makes one for every call to the provider) is one long-lived client of
 * the server's, shared, instead of a new one each time.
 *
 * <p>Why: Soteria 3.0.x builds a new client for every token, userinfo and discovery call and never
 * closes it (soteria issue #390). On Payara each new Jersey client boots its own injection manager
 * and reads {@code META-INF/services} of every jar again: that was 43% of the CPU and 65% of the
 * memory allocated per provider sign-in (README, performance). JAX-RS clients are thread-safe and
 * meant to be reused.
 *
 * <p>How it is found: through {@code META-INF/services/jakarta.ws.rs.client.ClientBuilder}, which
 * JAX-RS reads with the thread's context class loader (during a request, this application's); for
 * the application's file to come before the server's, {@code payara-web.xml} loads the WAR's own
 * classes and resources first. Only Jersey's clients are shared (Payara). Any other server's
 * builder is passed through untouched: WildFly's RESTEasy client keeps one connection per client,
 * and its engine ({@link ResteasyClientTimeouts}) is already built per client.
 *
 * <p>What callers see: a builder they configure (anything at all: a provider, a property, TLS,
 * timeouts) builds a new client of their own, as before. A shared client's {@code close()} does not
 * close it (others use it); configuring it gives that caller a client of its own, so nobody changes
 * the shared one. The shared client is closed when the application stops ({@link SharedClients}).
 */
public class SharedClientBuilder extends ClientBuilder {

  private ClientBuilder own;

  /** The server's builder, for a caller that configures: from then on, all goes there. */
  private ClientBuilder own() {
    if (own == null) {
      own = SharedClients.serverBuilder();
    }
    return own;
  }

  @Override
  public Client build() {
    return own == null ? SharedClients.client() : own.build();
  }

  @Override
  public ClientBuilder withConfig(Configuration config) {
    own().withConfig(config);
    return this;
  }

  @Override
  public ClientBuilder sslContext(SSLContext sslContext) {
    own().sslContext(sslContext);
    return this;
  }

  @Override
  public ClientBuilder keyStore(KeyStore keyStore, char[] password) {
    own().keyStore(keyStore, password);
    return this;
  }

  @Override
  public ClientBuilder trustStore(KeyStore trustStore) {
    own().trustStore(trustStore);
    return this;
  }

  @Override
  public ClientBuilder hostnameVerifier(HostnameVerifier verifier) {
    own().hostnameVerifier(verifier);
    return this;
  }

  @Override
  public ClientBuilder executorService(ExecutorService executorService) {
    own().executorService(executorService);
    return this;
  }

  @Override
  public ClientBuilder scheduledExecutorService(ScheduledExecutorService executorService) {
    own().scheduledExecutorService(executorService);
    return this;
  }

  @Override
  public ClientBuilder connectTimeout(long timeout, TimeUnit unit) {
    own().connectTimeout(timeout, unit);
    return this;
  }

  @Override
  public ClientBuilder readTimeout(long timeout, TimeUnit unit) {
    own().readTimeout(timeout, unit);
    return this;
  }

  @Override
  public Configuration getConfiguration() {
    return own == null ? SharedClients.serverBuilder().getConfiguration() : own.getConfiguration();
  }

  @Override
  public ClientBuilder property(String name, Object value) {
    own().property(name, value);
    return this;
  }

  @Override
  public ClientBuilder register(Class<?> componentClass) {
    own().register(componentClass);
    return this;
  }

  @Override
  public ClientBuilder register(Class<?> componentClass, int priority) {
    own().register(componentClass, priority);
    return this;
  }

  @Override
  public ClientBuilder register(Class<?> componentClass, Class<?>... contracts) {
    own().register(componentClass, contracts);
    return this;
  }

  @Override
  public ClientBuilder register(Class<?> componentClass, Map<Class<?>, Integer> contracts) {
    own().register(componentClass, contracts);
    return this;
  }

  @Override
  public ClientBuilder register(Object component) {
    own().register(component);
    return this;
  }

  @Override
  public ClientBuilder register(Object component, int priority) {
    own().register(component, priority);
    return this;
  }

  @Override
  public ClientBuilder register(Object component, Class<?>... contracts) {
    own().register(component, contracts);
    return this;
  }

  @Override
  public ClientBuilder register(Object component, Map<Class<?>, Integer> contracts) {
    own().register(component, contracts);
    return this;
  }
}
