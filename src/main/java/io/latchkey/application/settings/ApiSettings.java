package io.latchkey.application.settings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URI;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * API grants ("Connect Google Drive"): which extra scopes the provider is asked for, how it is
 * asked for offline access, where the API is, and the keys that seal refresh tokens at rest. The
 * feature is off without {@code OIDC_API_SCOPES}; without {@code LATCHKEY_TOKEN_KEY} it is shown,
 * but says that it cannot be used.
 */
@Named("apiSettings")
@ApplicationScoped
public class ApiSettings {

  /** How the provider is asked for a refresh token. */
  public enum Offline {
    /**
     * Google: {@code access_type=offline}, {@code prompt=consent}, {@code include_granted_scopes}.
     */
    ACCESS_TYPE,
    /** Standard OpenID Connect: the {@code offline_access} scope. */
    OFFLINE_ACCESS_SCOPE
  }

  static final String GOOGLE_ISSUER = "https://accounts.google.com";

  private Set<String> scopes;
  private String name;
  private URI baseUrl;
  private Offline offline;
  private Optional<byte[]> key;
  private List<byte[]> previousKeys;

  protected ApiSettings() {}

  @Inject
  public ApiSettings(
      OpenIdSettings openId,
      @ConfigProperty(name = "OIDC_API_SCOPES") Optional<String> scopes,
      @ConfigProperty(name = "OIDC_API_NAME", defaultValue = "Google Drive") String name,
      @ConfigProperty(name = "OIDC_API_BASE_URL", defaultValue = "https://www.googleapis.com")
          String baseUrl,
      @ConfigProperty(name = "OIDC_API_OFFLINE") Optional<String> offline,
      @ConfigProperty(name = "LATCHKEY_TOKEN_KEY") Optional<String> key,
      @ConfigProperty(name = "LATCHKEY_TOKEN_PREVIOUS_KEYS") Optional<String> previousKeys) {
    this.scopes = new LinkedHashSet<>(words(scopes.orElse("")));
    this.scopes.removeAll(Set.of("openid", "offline_access"));
    this.name = name.strip();
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    OpenIdSettings.requireHttpsUnlessLoopback(base, false);
    this.baseUrl = URI.create(base);
    this.offline =
        offline
            .filter(value -> !value.isBlank())
            .map(ApiSettings::offline)
            .orElse(
                openId.getIssuer().equals(GOOGLE_ISSUER)
                    ? Offline.ACCESS_TYPE
                    : Offline.OFFLINE_ACCESS_SCOPE);
    this.key =
        key.filter(value -> !value.isBlank()).map(value -> decode("LATCHKEY_TOKEN_KEY", value));
    this.previousKeys =
        words(previousKeys.orElse("").replace(',', ' ')).stream()
            .map(value -> decode("LATCHKEY_TOKEN_PREVIOUS_KEYS", value))
            .toList();
  }

  private static Offline offline(String value) {
    return switch (value.strip()) {
      case "access_type" -> Offline.ACCESS_TYPE;
      case "offline_access" -> Offline.OFFLINE_ACCESS_SCOPE;
      default ->
          throw new IllegalArgumentException(
              "OIDC_API_OFFLINE must be access_type or offline_access");
    };
  }

  /** A 256-bit AES key, base64 (standard or url-safe); the message never shows the value. */
  static byte[] decode(String variable, String value) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(value.strip().replace('-', '+').replace('_', '/'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(variable + " must be base64 (openssl rand -base64 32)");
    }
    if (bytes.length != 32) {
      throw new IllegalArgumentException(
          variable + " must be 32 bytes in base64 (openssl rand -base64 32), not " + bytes.length);
    }
    return bytes;
  }

  private static List<String> words(String value) {
    return Arrays.stream(value.strip().split("\\s+")).filter(word -> !word.isEmpty()).toList();
  }

  /** Whether the deployment offers API grants at all ({@code OIDC_API_SCOPES} is set). */
  public boolean isOffered() {
    return !scopes.isEmpty();
  }

  /** Whether grants can be made: offered, and a key to seal refresh tokens is configured. */
  public boolean isUsable() {
    return isOffered() && key.isPresent();
  }

  /** The API's scopes, without {@code openid} and {@code offline_access}. */
  public Set<String> scopes() {
    return Set.copyOf(scopes);
  }

  /**
   * The {@code scope} of a connect flow's authorization request: {@code openid} (so that the
   * provider names the identity), the API's scopes and, for a standard provider, {@code
   * offline_access}. Never the sign-in's profile scopes: the flow asks only for what it adds.
   */
  public String authorizationScope() {
    StringBuilder scope = new StringBuilder("openid");
    scopes.forEach(value -> scope.append(' ').append(value));
    if (offline == Offline.OFFLINE_ACCESS_SCOPE) {
      scope.append(" offline_access");
    }
    return scope.toString();
  }

  public Offline offline() {
    return offline;
  }

  /** What the user connects, as pages name it: "Connect {name}". */
  public String getName() {
    return name;
  }

  /**
   * The API's base URL (Google's: {@code https://www.googleapis.com}), without a trailing slash.
   */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The key that seals new tokens; empty when none is configured. */
  public Optional<byte[]> key() {
    return key.map(byte[]::clone);
  }

  /** Earlier keys, which still open tokens sealed before a rotation. */
  public List<byte[]> previousKeys() {
    return previousKeys.stream().map(byte[]::clone).toList();
  }
}
