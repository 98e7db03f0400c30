package io.latchkey.infrastructure.security;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;

/**
 * One caller's view of the shared client ({@link SharedClients}): it reads and calls through the
 * shared one, its {@code close()} ends only this view, and the first configuration change gives the
 * caller a client of its own so that the shared one never changes.
 */
final class SharedClient implements Client {

  private Client client;
  private boolean own;
  private boolean closed;

  SharedClient(Client shared) {
    this.client = shared;
  }

  private Client open() {
    if (closed) {
      throw new IllegalStateException("This client was closed");
    }
    return client;
  }

  private Client configure(Consumer<Client> change) {
    if (!own) {
      client = SharedClients.serverBuilder().build();
      own = true;
    }
    change.accept(open());
    return this;
  }

  @Override
  public void close() {
    if (own && !closed) {
      client.close();
    }
    closed = true;
  }

  @Override
  public WebTarget target(String uri) {
    return open().target(uri);
  }

  @Override
  public WebTarget target(URI uri) {
    return open().target(uri);
  }

  @Override
  public WebTarget target(UriBuilder uriBuilder) {
    return open().target(uriBuilder);
  }

  @Override
  public WebTarget target(Link link) {
    return open().target(link);
  }

  @Override
  public Invocation.Builder invocation(Link link) {
    return open().invocation(link);
  }

  @Override
  public SSLContext getSslContext() {
    return open().getSslContext();
  }

  @Override
  public HostnameVerifier getHostnameVerifier() {
    return open().getHostnameVerifier();
  }

  @Override
  public Configuration getConfiguration() {
    return open().getConfiguration();
  }

  @Override
  public Client property(String name, Object value) {
    return configure(c -> c.property(name, value));
  }

  @Override
  public Client register(Class<?> componentClass) {
    return configure(c -> c.register(componentClass));
  }

  @Override
  public Client register(Class<?> componentClass, int priority) {
    return configure(c -> c.register(componentClass, priority));
  }

  @Override
  public Client register(Class<?> componentClass, Class<?>... contracts) {
    return configure(c -> c.register(componentClass, contracts));
  }

  @Override
  public Client register(Class<?> componentClass, Map<Class<?>, Integer> contracts) {
    return configure(c -> c.register(componentClass, contracts));
  }

  @Override
  public Client register(Object component) {
    return configure(c -> c.register(component));
  }

  @Override
  public Client register(Object component, int priority) {
    return configure(c -> c.register(component, priority));
  }

  @Override
  public Client register(Object component, Class<?>... contracts) {
    return configure(c -> c.register(component, contracts));
  }

  @Override
  public Client register(Object component, Map<Class<?>, Integer> contracts) {
    return configure(c -> c.register(component, contracts));
  }
}
