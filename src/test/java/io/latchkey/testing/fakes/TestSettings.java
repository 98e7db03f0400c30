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
    return new OpenIdSettings(
        security(),
        "testid",
        "TestID",
        issuer,
        Optional.of("client"),
        Optional.of("secret"),
        "openid email profile",
        Optional.empty(),
        "RS256",
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
