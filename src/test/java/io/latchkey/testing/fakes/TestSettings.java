package io.latchkey.testing.fakes;

import io.latchkey.application.settings.OpenIdSettings;
import io.latchkey.application.settings.SecuritySettings;
import java.util.Optional;

/** The settings of unit tests: the defaults, one provider "testid" at the given issuer. */
public final class TestSettings {

  private TestSettings() {}

  public static SecuritySettings security() {
    return new SecuritySettings("http://localhost:8080", 30, 12, 300, 900);
  }

  public static OpenIdSettings provider(String issuer) {
    return provider(issuer, "RS256");
  }

  /** As {@link #provider(String)}, with these id_token (and logout token) algorithms. */
  public static OpenIdSettings provider(String issuer, String algorithms) {
    return new OpenIdSettings(
        security(),
        "testid",
        "TestID",
        issuer,
        Optional.of("client"),
        Optional.of("secret"),
        "openid email profile",
        Optional.empty(),
        algorithms,
        Optional.empty(),
        Optional.empty(),
        2,
        2,
        false,
        false,
        true,
        "client_secret_post",
        Optional.empty());
  }
}
