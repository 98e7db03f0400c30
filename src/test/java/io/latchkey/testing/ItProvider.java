package io.latchkey.testing;

import io.latchkey.testing.provider.TestProvider;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The OpenID provider the integration tests' Payara Micro is configured with (see arquillian.xml):
 * the project's controllable {@link TestProvider}, on the port Failsafe reserved, for the client
 * {@link #CLIENT_ID}. Started once per test JVM; register it before Arquillian.
 */
public final class ItProvider implements BeforeAllCallback {

  public static final String CLIENT_ID = "latchkey-it";

  /** A test fixture, not a secret: it only opens this test provider. */
  public static final String CLIENT_SECRET = "it-client-secret-not-used-anywhere-else";

  private static TestProvider provider;

  @Override
  public void beforeAll(ExtensionContext context) {
    provider();
  }

  /** The running provider; tests queue logins on it and read its call counts. */
  public static synchronized TestProvider provider() {
    if (provider == null) {
      int port = Integer.parseInt(System.getProperty("latchkey.it.providerPort", "0"));
      provider =
          TestProvider.start(port, CLIENT_ID, CLIENT_SECRET, ItServer.baseUrl() + "/auth/callback");
      Runtime.getRuntime().addShutdownHook(new Thread(provider::close));
    }
    return provider;
  }
}
