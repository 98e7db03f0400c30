package io.latchkey.infrastructure.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.testing.fakes.TestSettings;
import io.latchkey.testing.provider.TestProvider;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A provider whose discovery document names another issuer is not used: no code or client secret
 * goes to the endpoints it names (the start of a sign-in shows "unavailable").
 */
class ProviderDiscoveryTest {

  @Test
  void aDiscoveryDocumentNamingAnotherIssuerMakesTheProviderInconsistent() {
    try (TestProvider provider = TestProvider.start("client", "secret", "http://localhost/cb")) {
      // The provider calls itself http://localhost:PORT; configured as 127.0.0.1:PORT, the
      // document it serves there names an issuer that is not the configured one.
      String elsewhere = provider.issuer().replace("localhost", "127.0.0.1");
      assertTrue(discoveryOf(elsewhere).inconsistency().orElseThrow().contains("names issuer"));
      assertEquals(Optional.empty(), discoveryOf(provider.issuer()).inconsistency());
    }
  }

  @Test
  void anUnreachableProviderIsNotCalledInconsistent() {
    assertEquals(Optional.empty(), discoveryOf("http://127.0.0.1:9").inconsistency());
  }

  private static ProviderDiscovery discoveryOf(String issuer) {
    ProviderDiscovery discovery = new ProviderDiscovery();
    discovery.settings = TestSettings.provider(issuer);
    return discovery;
  }
}
