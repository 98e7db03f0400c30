package io.latchkey.application.settings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The OpenID provider settings, from environment variables through MicroProfile Config, for the
 * standard mechanism's annotation ({@code ${openIdSettings.…}}, see {@link
 * ProviderSignInDefinition}) and for the checks Latchkey adds.
 *
 * <p>Without a client id and secret the application still runs: password sign-in works and the
 * provider button says that provider sign-in is not configured.
 */
@Named("openIdSettings")
@ApplicationScoped
public class OpenIdSettings {

  /** Where every provider sends the browser back (the web adapter serves it). */
  public static final String CALLBACK_PATH = "/auth/callback";

  static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

  private String providerId;
  private String providerName;
  private String issuer;
  private Optional<String> clientId;
  private Optional<String> clientSecret;
  private String scopes;
  private String prompt;
  private Set<String> allowedAlgorithms;
  private Set<String> trustedAudiences;
  private Set<String> hostedDomains;
  private Duration connectTimeout;
  private Duration readTimeout;
  private String redirectUri;
  private boolean logoutAtProvider;
  private boolean pkce;
  private boolean clientSecretBasic;

  protected OpenIdSettings() {}

  @Inject
  public OpenIdSettings(
      SecuritySettings security,
      @ConfigProperty(name = "OIDC_PROVIDER_ID", defaultValue = "google") String providerId,
      @ConfigProperty(name = "OIDC_PROVIDER_NAME", defaultValue = "Google") String providerName,
      @ConfigProperty(name = "OIDC_ISSUER", defaultValue = "https://accounts.google.com")
          String issuer,
      @ConfigProperty(name = "OIDC_CLIENT_ID") Optional<String> clientId,
      @ConfigProperty(name = "OIDC_CLIENT_SECRET") Optional<String> clientSecret,
      @ConfigProperty(name = "OIDC_SCOPES", defaultValue = "openid email profile") String scopes,
      @ConfigProperty(name = "OIDC_PROMPT") Optional<String> prompt,
      @ConfigProperty(name = "OIDC_ID_TOKEN_ALGORITHMS", defaultValue = "RS256") String algorithms,
      @ConfigProperty(name = "OIDC_TRUSTED_AUDIENCES") Optional<String> trustedAudiences,
      @ConfigProperty(name = "OIDC_HOSTED_DOMAINS") Optional<String> hostedDomains,
      @ConfigProperty(name = "OIDC_CONNECT_TIMEOUT_SECONDS", defaultValue = "5") int connectSeconds,
      @ConfigProperty(name = "OIDC_READ_TIMEOUT_SECONDS", defaultValue = "10") int readSeconds,
      @ConfigProperty(name = "OIDC_LOGOUT_AT_PROVIDER", defaultValue = "false")
          boolean logoutAtProvider,
      @ConfigProperty(name = "LATCHKEY_ALLOW_HTTP_ISSUER", defaultValue = "false")
          boolean allowHttpIssuer,
      @ConfigProperty(name = "OIDC_PKCE", defaultValue = "true") boolean pkce,
      @ConfigProperty(name = "OIDC_CLIENT_AUTH", defaultValue = "client_secret_post")
          String clientAuth,
      @ConfigProperty(name = "LATCHKEY_PROVIDERS") Optional<String> providers) {
    if (providerIds(providers.orElse(null)).size() > 1) {
      throw new IllegalArgumentException(
          "LATCHKEY_PROVIDERS names "
              + providerIds(providers.get())
              + ": a deployment serves one provider, because the standard OpenID mechanism runs"
              + " one configuration per application (README: 'One provider per deployment')");
    }
    if (!providerId.matches("[a-z0-9-]{1,32}") || "callback".equals(providerId)) {
      throw new IllegalArgumentException("OIDC_PROVIDER_ID must be 1 to 32 of a-z, 0-9 and -");
    }
    this.providerId = providerId;
    this.providerName = providerName;
    this.issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    requireHttpsUnlessLoopback(this.issuer, allowHttpIssuer);
    this.clientId = clientId.filter(value -> !value.isBlank());
    this.clientSecret = clientSecret.filter(value -> !value.isBlank());
    this.scopes = scopes;
    this.prompt = prompt.orElse("");
    this.allowedAlgorithms = list(algorithms);
    this.trustedAudiences = list(trustedAudiences.orElse(""));
    this.hostedDomains = list(hostedDomains.orElse("").toLowerCase(java.util.Locale.ROOT));
    if (allowedAlgorithms.stream()
        .anyMatch(alg -> alg.equalsIgnoreCase("none") || alg.startsWith("HS"))) {
      throw new IllegalArgumentException("OIDC_ID_TOKEN_ALGORITHMS must not allow none or HMAC");
    }
    this.connectTimeout = Duration.ofSeconds(connectSeconds);
    this.readTimeout = Duration.ofSeconds(readSeconds);
    this.redirectUri = security.baseUrl() + CALLBACK_PATH;
    this.logoutAtProvider = logoutAtProvider;
    this.pkce = pkce;
    if (!clientAuth.equals("client_secret_post") && !clientAuth.equals("client_secret_basic")) {
      throw new IllegalArgumentException(
          "OIDC_CLIENT_AUTH must be client_secret_post or client_secret_basic");
    }
    this.clientSecretBasic = clientAuth.equals("client_secret_basic");
  }

  /**
   * Whether authorization requests carry a PKCE challenge (S256) and code exchanges its verifier;
   * on unless {@code OIDC_PKCE=false}, for a provider that refuses it.
   */
  public boolean usesPkce() {
    return pkce;
  }

  /**
   * Whether the client authenticates at the token endpoint with HTTP Basic ({@code
   * client_secret_basic}) rather than in the form ({@code client_secret_post}, the default).
   */
  public boolean usesClientSecretBasic() {
    return clientSecretBasic;
  }

  /**
   * The provider ids {@code LATCHKEY_PROVIDERS} lists (comma-separated, in order), each 1 to 32 of
   * a-z, 0-9 and -; empty when it is unset or blank.
   */
  static List<String> providerIds(String list) {
    if (list == null || list.isBlank()) {
      return List.of();
    }
    List<String> ids = Arrays.stream(list.split(",")).map(String::strip).toList();
    for (String id : ids) {
      if (!id.matches("[a-z0-9-]{1,32}") || "callback".equals(id)) {
        throw new IllegalArgumentException(
            "LATCHKEY_PROVIDERS must list ids of 1 to 32 of a-z, 0-9 and -, not '" + id + "'");
      }
    }
    return ids;
  }

  /**
   * Codes, tokens and the client secret travel to the issuer's endpoints: over https only, except
   * to a provider on this machine (development, tests) or with {@code
   * LATCHKEY_ALLOW_HTTP_ISSUER=true}.
   */
  static void requireHttpsUnlessLoopback(String issuer, boolean allowHttp) {
    java.net.URI uri = java.net.URI.create(issuer);
    if ("https".equals(uri.getScheme()) || allowHttp) {
      return;
    }
    String host = uri.getHost() == null ? "" : uri.getHost();
    boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    if (!"http".equals(uri.getScheme()) || !loopback) {
      throw new IllegalArgumentException(
          "OIDC_ISSUER must be an https URL (http only for localhost, or with"
              + " LATCHKEY_ALLOW_HTTP_ISSUER=true)");
    }
  }

  /**
   * Whether signing out of Latchkey after a provider sign-in also ends the session at the provider
   * (RP-initiated logout). It needs the id_token as a hint, which is then kept in the session.
   */
  public boolean isLogoutAtProvider() {
    return logoutAtProvider && isConfigured();
  }

  /** The provider's origin (scheme, host, port), for the Content-Security-Policy. */
  public String issuerOrigin() {
    java.net.URI uri = java.net.URI.create(issuer);
    return uri.getScheme() + "://" + uri.getAuthority();
  }

  /** Both a client id and a secret are set. */
  public boolean isConfigured() {
    return clientId.isPresent() && clientSecret.isPresent();
  }

  /** The path segment of the start URL: {@code /auth/{providerId}}. */
  public String getProviderId() {
    return providerId;
  }

  /** Shown on the button: "Continue with {name}". */
  public String getProviderName() {
    return providerName;
  }

  /** The issuer exactly as configured (without a trailing slash); id_tokens must carry it. */
  public String getIssuer() {
    return issuer;
  }

  /**
   * The discovery document's URL, given to the mechanism in full: the standard mechanism caches the
   * document only under a URI that already ends with the well-known path.
   */
  public String getDiscoveryUri() {
    return issuer + DISCOVERY_PATH;
  }

  public String getClientId() {
    return clientId.orElse("");
  }

  public String getClientSecret() {
    return clientSecret.orElse("");
  }

  /** {@code LATCHKEY_BASE_URL/auth/callback}: from configuration, never from a Host header. */
  public String getRedirectUri() {
    return redirectUri;
  }

  public String getScopes() {
    return scopes;
  }

  /** {@code OIDC_PROMPT}; a re-authentication asks for a fresh login on top of it. */
  public String getPrompt() {
    return prompt;
  }

  public Set<String> allowedAlgorithms() {
    return allowedAlgorithms;
  }

  /**
   * {@code OIDC_TRUSTED_AUDIENCES}: audiences besides the client id that an id_token may name (none
   * by default: a token issued to several clients is refused).
   */
  public Set<String> trustedAudiences() {
    return trustedAudiences;
  }

  /**
   * {@code OIDC_HOSTED_DOMAINS} (Google Workspace): id_tokens must carry an {@code hd} claim from
   * this list; empty (the default) accepts any account.
   */
  public Set<String> hostedDomains() {
    return hostedDomains;
  }

  /** The {@code hd} hint for the provider's page: the domain when exactly one is allowed. */
  public String hostedDomainHint() {
    return hostedDomains.size() == 1 ? hostedDomains.iterator().next() : null;
  }

  private static Set<String> list(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::strip)
        .filter(item -> !item.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration readTimeout() {
    return readTimeout;
  }

  /** For the mechanism's JWKS client, which has timeouts of its own. */
  public int getJwksConnectTimeoutMillis() {
    return (int) connectTimeout.toMillis();
  }

  public int getJwksReadTimeoutMillis() {
    return (int) readTimeout.toMillis();
  }
}
