package io.latchkey.infrastructure.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.util.ServiceLoader;
import java.util.logging.Logger;

/**
 * The one shared client of {@link SharedClientBuilder}, and the server's own builder behind it.
 *
 * <p>The client is built on first use, on a request thread, so that the server's client finds this
 * application's extensions as any client of the application does (the timeouts, the token request
 * changes and the call metrics: {@code META-INF/services}). They hold no state of their own: what
 * differs per call (the PKCE verifier of a callback) is bound to the calling thread.
 */
@ApplicationScoped
public class SharedClients {

  private static final Logger LOG = Logger.getLogger(SharedClients.class.getName());
  private static final String JERSEY = "org.glassfish.jersey.";

  private static volatile Class<? extends ClientBuilder> serverBuilder;
  private static Client shared;

  /** A new builder of the server's JAX-RS implementation (the first listed that is not ours). */
  static ClientBuilder serverBuilder() {
    try {
      return serverBuilderType().getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("The server's JAX-RS client builder cannot be made", e);
    }
  }

  /** For {@code ClientBuilder.newClient()}: the shared client on Jersey, else a new one. */
  static Client client() {
    if (!serverBuilderType().getName().startsWith(JERSEY)) {
      return serverBuilder().build();
    }
    synchronized (SharedClients.class) {
      if (shared == null) {
        shared = serverBuilder().build();
        LOG.fine("One shared JAX-RS client for the calls to the provider");
      }
      return new SharedClient(shared);
    }
  }

  private static Class<? extends ClientBuilder> serverBuilderType() {
    Class<? extends ClientBuilder> type = serverBuilder;
    if (type == null) {
      type = findServerBuilder();
      serverBuilder = type;
    }
    return type;
  }

  /** Closes the shared client when the application stops (its connections, its runtime). */
  static void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    synchronized (SharedClients.class) {
      if (shared != null) {
        shared.close();
        shared = null;
      }
    }
  }

  private static Class<? extends ClientBuilder> findServerBuilder() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return ServiceLoader.load(
            ClientBuilder.class, loader == null ? SharedClients.class.getClassLoader() : loader)
        .stream()
        .map(ServiceLoader.Provider::type)
        .filter(type -> type != SharedClientBuilder.class)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("The server lists no JAX-RS client"));
  }
}
