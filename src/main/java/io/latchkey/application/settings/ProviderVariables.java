package io.latchkey.application.settings;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The per-provider variables: with {@code LATCHKEY_PROVIDERS=google}, {@code OIDC_GOOGLE_ISSUER},
 * {@code OIDC_GOOGLE_CLIENT_ID} and the others are read as {@code OIDC_ISSUER}, {@code
 * OIDC_CLIENT_ID} and so on, and the provider's id is {@code google}. The single-provider {@code
 * OIDC_*} variables keep working on their own; where both are set, the provider's own variable
 * wins. Listed in {@code META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource}, with
 * an ordinal above the environment's (300) and below system properties (400).
 *
 * <p>A deployment serves one provider ({@link OpenIdSettings} refuses a list of several at startup,
 * and the README says why): the standard mechanism runs one configuration per application.
 */
public class ProviderVariables implements ConfigSource {

  /** The per-provider suffixes, and the single-provider variable each one stands for. */
  private static final Map<String, String> SUFFIXES =
      Map.ofEntries(
          Map.entry("ISSUER", "OIDC_ISSUER"),
          Map.entry("CLIENT_ID", "OIDC_CLIENT_ID"),
          Map.entry("CLIENT_SECRET", "OIDC_CLIENT_SECRET"),
          Map.entry("NAME", "OIDC_PROVIDER_NAME"),
          Map.entry("SCOPES", "OIDC_SCOPES"),
          Map.entry("PROMPT", "OIDC_PROMPT"),
          Map.entry("ID_TOKEN_ALGORITHMS", "OIDC_ID_TOKEN_ALGORITHMS"),
          Map.entry("AUTO_LINK", "OIDC_AUTO_LINK"),
          Map.entry("REGISTRATION", "OIDC_REGISTRATION"),
          Map.entry("HOSTED_DOMAINS", "OIDC_HOSTED_DOMAINS"),
          Map.entry("TRUSTED_AUDIENCES", "OIDC_TRUSTED_AUDIENCES"),
          Map.entry("PKCE", "OIDC_PKCE"),
          Map.entry("CLIENT_AUTH", "OIDC_CLIENT_AUTH"),
          Map.entry("LOGOUT_AT_PROVIDER", "OIDC_LOGOUT_AT_PROVIDER"),
          Map.entry("API_SCOPES", "OIDC_API_SCOPES"),
          Map.entry("API_NAME", "OIDC_API_NAME"),
          Map.entry("API_BASE_URL", "OIDC_API_BASE_URL"),
          Map.entry("API_OFFLINE", "OIDC_API_OFFLINE"));

  private final Map<String, String> properties;

  public ProviderVariables() {
    this(name -> System.getProperty(name, System.getenv(name)));
  }

  ProviderVariables(UnaryOperator<String> environment) {
    properties = translate(environment);
  }

  /** The {@code OIDC_*} values that the first listed provider's variables stand for. */
  static Map<String, String> translate(UnaryOperator<String> environment) {
    List<String> ids;
    try {
      ids = OpenIdSettings.providerIds(environment.apply("LATCHKEY_PROVIDERS"));
    } catch (IllegalArgumentException invalid) {
      ids = List.of(); // OpenIdSettings refuses the list at startup, with the reason.
    }
    Map<String, String> translated = new HashMap<>();
    if (ids.isEmpty()) {
      return translated;
    }
    String id = ids.get(0);
    translated.put("OIDC_PROVIDER_ID", id);
    String prefix = "OIDC_" + id.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
    SUFFIXES.forEach(
        (suffix, variable) -> {
          String value = environment.apply(prefix + suffix);
          if (value != null) {
            translated.put(variable, value);
          }
        });
    return translated;
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.copyOf(properties);
  }

  @Override
  public Set<String> getPropertyNames() {
    return properties.keySet();
  }

  @Override
  public String getValue(String name) {
    return properties.get(name);
  }

  @Override
  public String getName() {
    return "Latchkey per-provider variables (LATCHKEY_PROVIDERS)";
  }

  @Override
  public int getOrdinal() {
    return 350;
  }
}
