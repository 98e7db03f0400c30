package io.latchkey.application.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code LATCHKEY_PROVIDERS} and the {@code OIDC_<ID>_*} variables. */
class ProviderVariablesTest {

  @Test
  void aListedProvidersVariablesStandForTheSingleProviderOnes() {
    Map<String, String> environment =
        Map.of(
            "LATCHKEY_PROVIDERS", "entra-id",
            "OIDC_ENTRA_ID_ISSUER", "https://login.microsoftonline.com/t/v2.0",
            "OIDC_ENTRA_ID_CLIENT_ID", "client",
            "OIDC_ENTRA_ID_NAME", "Microsoft",
            "OIDC_ENTRA_ID_REGISTRATION", "existing-only",
            "OIDC_GOOGLE_ISSUER", "https://accounts.google.com");
    Map<String, String> translated = ProviderVariables.translate(environment::get);
    assertEquals(
        Map.of(
            "OIDC_PROVIDER_ID", "entra-id",
            "OIDC_ISSUER", "https://login.microsoftonline.com/t/v2.0",
            "OIDC_CLIENT_ID", "client",
            "OIDC_PROVIDER_NAME", "Microsoft",
            "OIDC_REGISTRATION", "existing-only"),
        translated);
  }

  @Test
  void withoutTheListNothingChanges() {
    assertTrue(ProviderVariables.translate(Map.of("OIDC_ISSUER", "x")::get).isEmpty());
    assertTrue(ProviderVariables.translate(Map.of("LATCHKEY_PROVIDERS", " ")::get).isEmpty());
    // An invalid list is refused at startup by OpenIdSettings, with its reason.
    assertTrue(ProviderVariables.translate(Map.of("LATCHKEY_PROVIDERS", "Bad Id")::get).isEmpty());
  }

  @Test
  void theListIsReadInOrderAndItsIdsAreChecked() {
    assertEquals(List.of("google", "keycloak"), OpenIdSettings.providerIds("google, keycloak"));
    assertThrows(IllegalArgumentException.class, () -> OpenIdSettings.providerIds("google,a b"));
    assertThrows(IllegalArgumentException.class, () -> OpenIdSettings.providerIds("callback"));
  }
}
