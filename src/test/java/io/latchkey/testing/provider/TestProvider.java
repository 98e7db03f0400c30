package io.latchkey.testing.provider;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small OpenID Connect provider that runs inside the test JVM, for one registered client.
 *
 * <p>It exists because the hostile cases a relying party must survive cannot be produced by a real
 * provider such as Keycloak: id_tokens signed with an unknown key or with {@code alg=none}, HS256
 * tokens keyed with the client secret, wrong issuer, audience, azp or nonce, expired tokens, a
 * missing subject, a token endpoint that fails, answers HTML or hangs, an unreachable JWKS, and key
 * rotation on demand. Each authorization is approved without a login page; {@link
 * #enqueueLogin(Login)} decides what the next one returns, and {@link #calls(String)} tells how
 * often each endpoint was asked. It binds to 127.0.0.1 and names itself {@code
 * http://localhost:PORT}.
 *
 * <p>It also plays Google for API grants: an authorization asking for {@code offline_access} or
 * {@code access_type=offline} yields a refresh token, which the token endpoint refreshes (rotating
 * it when {@link #setRotateRefreshTokens} says so) and {@code /revoke} revokes (RFC 7009), and
 * {@code GET /drive/v3/files} lists the signed-in subject's files to an unexpired access token
 * granted {@link #DRIVE_SCOPE}, or fails as {@link #setDriveFailure} says.
 *
 * <h2>Usage</h2>
 *
 * <pre>{@code
 * try (TestProvider provider =
 *     TestProvider.start("latchkey", "latchkey-secret", "http://localhost:8080/latchkey/*")) {
 *   // configure the application with provider.issuer(), "latchkey", "latchkey-secret"
 *   provider.enqueueLogin(Login.DEFAULT.withSubject("alice").withEmail("alice@example.test"));
 *   // ... sign in through the application: alice arrives ...
 *   provider.enqueueLogin(Login.hostile(Hostility.WRONG_KEY));
 *   // ... sign in again: the application must refuse ...
 *   assertEquals(2, provider.calls("token"));
 * }
 * }</pre>
 */
public final class TestProvider implements AutoCloseable {

  private static final List<String> CLAIMS =
      List.of("iss sub aud azp exp iat nonce email email_verified name picture".split(" "));
  private static final String OTHER_CLIENT = "some-other-client";
  private static final String JSON = "application/json";
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String OFFLINE_ACCESS = "offline_access";
  private static final DateTimeFormatter RFC_3339_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Instant NEWEST_GENERATED_FILE = Instant.parse("2026-11-30T10:15:00Z");

  /** The scope Google's Drive API asks of an access token that lists files. */
  public static final String DRIVE_SCOPE = "https://www.googleapis.com/auth/drive.readonly";

  private final String clientId;
  private final String clientSecret;
  private final List<String> redirectUris;
  private final ExecutorService executor;
  private final HttpServer server;
  private final String issuer;
  private final Queue<Login> logins = new ConcurrentLinkedQueue<>();
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();
  private final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();
  private final List<String> issuedAccessTokens = new CopyOnWriteArrayList<>();
  private final List<String> issuedRefreshTokens = new CopyOnWriteArrayList<>();
  private final Map<String, List<DriveFile>> driveFiles = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final AtomicInteger refreshFailures = new AtomicInteger();
  private volatile Keys keys;
  private volatile boolean jwksAvailable = true;
  private volatile Duration hangDuration = Duration.ofSeconds(60);
  private volatile boolean pkceRequired;
  private volatile List<String> tokenAuthMethods =
      List.of("client_secret_basic", "client_secret_post");
  private volatile boolean namesItselfInResponses;
  private volatile String responseIssuer;
  private volatile TokenRequest lastTokenRequest;
  private volatile String discoveryIssuer;
  private volatile Map<String, String> lastAuthorizationRequest;
  private volatile Map<String, String> lastDriveQuery;
  private volatile List<String> scopesSupported = List.of("openid", "email", "profile");
  private volatile Duration accessTokenLifetime = Duration.ofSeconds(300);
  private volatile boolean rotateRefreshTokens;
  private volatile String refreshFailureError;
  private volatile Duration refreshDelay = Duration.ZERO;
  private volatile boolean revocationAvailable = true;
  private volatile DriveFailure driveFailure = DriveFailure.NONE;

  /**
   * What the last token request sent: its form fields and how the client authenticated ({@code
   * client_secret_basic} or {@code client_secret_post}).
   */
  public record TokenRequest(Map<String, String> form, String clientAuthentication) {}

  /** A file that {@code GET /drive/v3/files} lists. */
  public record DriveFile(String id, String name, Instant modifiedTime) {

    public DriveFile {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(modifiedTime, "modifiedTime");
    }
  }

  /** How {@code GET /drive/v3/files} fails on purpose; {@link #NONE} lets it answer. */
  public enum DriveFailure {
    /** Files for a valid token, 401 for any other. */
    NONE,
    /** 401 {@code Invalid Credentials} for every token. */
    UNAUTHORIZED,
    /** 500 {@code Backend Error}. */
    SERVER_ERROR,
    /** Waits {@link #setHangDuration} before answering as {@link #NONE}. */
    HANG
  }

  private record Keys(RSAKey signing, JWKSet published) {}

  private volatile Duration authTimeOffset = Duration.ZERO;

  /**
   * @param maxAgeAsked the authorization request had {@code max_age}: the token says auth_time
   * @param scopes the scopes granted: those requested but {@code offline_access}
   * @param offline the request asked for {@code offline_access} or {@code access_type=offline}
   */
  private record Grant(
      String redirectUri,
      String nonce,
      boolean maxAgeAsked,
      String codeChallenge,
      Login login,
      List<String> scopes,
      boolean offline) {}

  /**
   * @param family the grant of the refresh token issued with it or used for it, whose revocation
   *     revokes it; null for none
   */
  private record AccessToken(Login login, List<String> scopes, Instant expiresAt, String family) {

    boolean isValid() {
      return Instant.now().isBefore(expiresAt);
    }
  }

  /**
   * @param family one grant's, shared by the refresh tokens that rotation issues for it
   */
  private record RefreshGrant(Login login, List<String> scopes, String family) {}

  private interface Handler {
    void handle(HttpExchange exchange) throws Exception;
  }

  private TestProvider(int port, String clientId, String clientSecret, List<String> redirectUris)
      throws IOException {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.redirectUris = redirectUris;
    RSAKey key = newKey(UUID.randomUUID().toString());
    keys = new Keys(key, new JWKSet(key.toPublicJWK()));
    executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "test-provider");
              thread.setDaemon(true);
              return thread;
            });
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.setExecutor(executor);
    issuer = "http://localhost:" + server.getAddress().getPort();
    route("/.well-known/openid-configuration", "discovery", this::discovery);
    route("/authorize", "authorize", this::authorize);
    route("/token", null, this::token);
    counts.put("token", new AtomicInteger());
    counts.put("refresh", new AtomicInteger());
    route("/jwks", "jwks", this::jwks);
    route("/userinfo", "userinfo", this::userinfo);
    route("/logout", "logout", this::logout);
    route("/revoke", "revoke", this::revoke);
    route("/drive/v3/files", "drive", this::driveFiles);
    server.start();
  }

  /**
   * Starts a provider on an ephemeral port of 127.0.0.1 for one client. Each redirect URI is
   * allowed exactly, or, when it ends with {@code *}, as a prefix: {@code
   * "http://localhost:8080/*"}.
   */
  public static TestProvider start(String clientId, String clientSecret, String... redirectUris) {
    return start(0, clientId, clientSecret, redirectUris);
  }

  /** As {@link #start(String, String, String...)}, on a given port (0: any free one). */
  public static TestProvider start(
      int port, String clientId, String clientSecret, String... redirectUris) {
    if (clientId.isEmpty() || clientSecret.isEmpty() || redirectUris.length == 0) {
      throw new IllegalArgumentException("Need a client id, a client secret and a redirect URI");
    }
    try {
      return new TestProvider(port, clientId, clientSecret, List.of(redirectUris));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://localhost:PORT}, without a trailing slash. */
  public String issuer() {
    return issuer;
  }

  /** Queues what the next authorization returns; with an empty queue, the default login. */
  public void enqueueLogin(Login login) {
    logins.add(login);
  }

  /** Drops the queued logins that no authorization has taken yet. */
  public void clearLogins() {
    logins.clear();
  }

  /**
   * Signs later tokens with a new key under a new kid and serves only that key, or both when {@code
   * keepOld}. Returns the new kid.
   */
  public synchronized String rotateKeys(boolean keepOld) {
    RSAKey key = newKey(UUID.randomUUID().toString());
    List<JWK> published = new ArrayList<>(List.of(key.toPublicJWK()));
    if (keepOld) {
      published.addAll(keys.published().getKeys());
    }
    keys = new Keys(key, new JWKSet(published));
    return key.getKeyID();
  }

  /** {@link #rotateKeys(boolean) rotateKeys(false)}. */
  public String rotateKeys() {
    return rotateKeys(false);
  }

  /** When false, the JWKS endpoint answers 503. */
  public void setJwksAvailable(boolean available) {
    jwksAvailable = available;
  }

  /**
   * How long {@link Hostility#TOKEN_ENDPOINT_HANG} holds the token response, and {@link
   * DriveFailure#HANG} the Drive API's; 60 s unless set.
   */
  public void setHangDuration(Duration duration) {
    hangDuration = duration;
  }

  /**
   * When true, an authorization request without an S256 {@code code_challenge} is answered with
   * {@code error=invalid_request}. A code whose request had a challenge is always exchanged only
   * with the matching {@code code_verifier} (RFC 7636 4.6), as real providers do.
   */
  public void setPkceRequired(boolean required) {
    pkceRequired = required;
  }

  /**
   * The client authentication methods the token endpoint accepts (and discovery lists), of {@code
   * client_secret_basic} and {@code client_secret_post}; both unless set.
   */
  public void setTokenAuthMethods(String... methods) {
    tokenAuthMethods = List.of(methods);
  }

  /**
   * RFC 9207: whether discovery says {@code authorization_response_iss_parameter_supported}, and
   * the authorization response then carries {@code iss} — this provider's issuer unless {@link
   * #setResponseIssuer} says another.
   */
  public void setNamesItselfInResponses(boolean names) {
    namesItselfInResponses = names;
  }

  /**
   * The {@code iss} of later authorization responses: null for this issuer when it names itself,
   * empty for none even then.
   */
  public void setResponseIssuer(String issuer) {
    responseIssuer = issuer;
  }

  /** The issuer the discovery document names: another than this one's when set (null: its own). */
  public void setDiscoveryIssuer(String issuer) {
    discoveryIssuer = issuer;
  }

  /** The last token request, or null when none came. */
  public TokenRequest lastTokenRequest() {
    return lastTokenRequest;
  }

  /**
   * The query parameters of the last authorization request ({@code scope}, {@code access_type},
   * {@code prompt}, {@code include_granted_scopes}, ...), or null when none came.
   */
  public Map<String, String> lastAuthorizationRequest() {
    return lastAuthorizationRequest;
  }

  /** The {@code scopes_supported} discovery lists; {@code openid email profile} unless set. */
  public void setScopesSupported(List<String> scopes) {
    scopesSupported = List.copyOf(scopes);
  }

  /**
   * How long later access tokens are valid (at userinfo and the Drive API), as their {@code
   * expires_in} says in whole seconds; 300 s unless set.
   */
  public void setAccessTokenLifetime(Duration lifetime) {
    accessTokenLifetime = lifetime;
  }

  /** Makes every access token issued so far expired now. */
  public void expireAccessTokens() {
    Instant now = Instant.now();
    accessTokens.replaceAll(
        (token, access) -> new AccessToken(access.login(), access.scopes(), now, access.family()));
  }

  /**
   * When true, each refresh answers a new refresh token too, and the one it used is no longer
   * valid.
   */
  public void setRotateRefreshTokens(boolean rotate) {
    rotateRefreshTokens = rotate;
  }

  /**
   * The next {@code count} refresh requests of an authenticated client answer 400 {@code error}.
   */
  public void failNextRefreshes(int count, String error) {
    refreshFailureError = error;
    refreshFailures.set(count);
  }

  /** How long each refresh request waits before it is answered; none unless set. */
  public void setRefreshDelay(Duration delay) {
    refreshDelay = delay;
  }

  /** When false, the revocation endpoint answers 503. */
  public void setRevocationAvailable(boolean available) {
    revocationAvailable = available;
  }

  /** Whether a refresh token was issued and is neither revoked nor rotated away. */
  public boolean isRefreshTokenActive(String refreshToken) {
    return refreshTokens.containsKey(refreshToken);
  }

  /** Every refresh token issued so far, in order. */
  public List<String> issuedRefreshTokens() {
    return List.copyOf(issuedRefreshTokens);
  }

  /** Every access token issued so far, in order. */
  public List<String> issuedAccessTokens() {
    return List.copyOf(issuedAccessTokens);
  }

  /**
   * The files the Drive API lists for {@code subject}, in this order unless a request asks for
   * {@code orderBy=modifiedTime} or {@code orderBy=modifiedTime desc}. Without them, a subject has
   * 12 files, "Report 1.docx" to "Report 12.docx", each modified an hour after the one before, the
   * last at 2026-11-30T10:15:00Z.
   */
  public void setDriveFiles(String subject, List<DriveFile> files) {
    driveFiles.put(subject, List.copyOf(files));
  }

  /** The files the Drive API lists for {@code subject}, as {@link #setDriveFiles} describes. */
  public List<DriveFile> driveFiles(String subject) {
    List<DriveFile> files = driveFiles.get(subject);
    if (files != null) {
      return files;
    }
    String owner = Integer.toUnsignedString(subject.hashCode(), 36);
    List<DriveFile> generated = new ArrayList<>();
    for (int n = 1; n <= 12; n++) {
      generated.add(
          new DriveFile(
              "file" + n + "-" + owner,
              "Report " + n + ".docx",
              NEWEST_GENERATED_FILE.minus(Duration.ofHours(12 - n))));
    }
    return List.copyOf(generated);
  }

  /** How the Drive API fails; {@link DriveFailure#NONE} again to stop. */
  public void setDriveFailure(DriveFailure failure) {
    driveFailure = failure;
  }

  /** The query parameters of the last Drive API request, or null when none came. */
  public Map<String, String> lastDriveQuery() {
    return lastDriveQuery;
  }

  /**
   * Requests so far to "discovery", "authorize", "token" (code exchanges and any token request but
   * a refresh), "refresh", "jwks", "userinfo", "logout", "revoke" or "drive".
   *
   * @throws IllegalArgumentException for any other name
   */
  public int calls(String endpoint) {
    AtomicInteger count = counts.get(endpoint);
    if (count == null) {
      throw new IllegalArgumentException(endpoint + " is not one of " + counts.keySet());
    }
    return count.get();
  }

  /** Sets every count of {@link #calls} to zero. */
  public void resetCounts() {
    counts.values().forEach(count -> count.set(0));
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** With a null {@code endpoint}, the handler counts its requests. */
  private void route(String path, String endpoint, Handler handler) {
    if (endpoint != null) {
      counts.put(endpoint, new AtomicInteger());
    }
    server.createContext(
        path,
        exchange -> {
          try {
            if (!exchange.getRequestURI().getPath().equals(path)) {
              send(exchange, 404, TEXT, "Not found");
              return;
            }
            if (endpoint != null) {
              count(endpoint);
            }
            handler.handle(exchange);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (Exception e) {
            if (exchange.getResponseCode() == -1) {
              send(exchange, 500, TEXT, e.toString());
            }
          } finally {
            exchange.close();
          }
        });
  }

  private void discovery(HttpExchange exchange) throws IOException {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("issuer", discoveryIssuer == null ? issuer : discoveryIssuer);
    document.put("authorization_endpoint", issuer + "/authorize");
    document.put("token_endpoint", issuer + "/token");
    document.put("jwks_uri", issuer + "/jwks");
    document.put("userinfo_endpoint", issuer + "/userinfo");
    document.put("end_session_endpoint", issuer + "/logout");
    document.put("revocation_endpoint", issuer + "/revoke");
    document.put("response_types_supported", List.of("code"));
    document.put("subject_types_supported", List.of("public"));
    document.put("id_token_signing_alg_values_supported", List.of("RS256"));
    document.put("scopes_supported", scopesSupported);
    document.put("token_endpoint_auth_methods_supported", tokenAuthMethods);
    document.put("code_challenge_methods_supported", List.of("S256"));
    if (namesItselfInResponses) {
      document.put("authorization_response_iss_parameter_supported", true);
    }
    document.put("claims_supported", CLAIMS);
    send(exchange, 200, JSON, JSONObjectUtils.toJSONString(document));
  }

  private void authorize(HttpExchange exchange) throws IOException {
    Map<String, String> params = params(exchange);
    lastAuthorizationRequest = Map.copyOf(params);
    String redirectUri = params.get("redirect_uri");
    if (!clientId.equals(params.get("client_id")) || !isRegistered(redirectUri)) {
      send(exchange, 400, TEXT, "Unknown client_id or unregistered redirect_uri");
      return;
    }
    Map<String, String> answer = new LinkedHashMap<>();
    String challenge = params.get("code_challenge");
    if (!"code".equals(params.get("response_type"))) {
      answer.put("error", "unsupported_response_type");
    } else if (challenge != null && !"S256".equals(params.get("code_challenge_method"))
        || pkceRequired && challenge == null) {
      answer.put("error", "invalid_request");
      answer.put("error_description", "PKCE with S256 is required");
    } else {
      Login login = logins.poll();
      login = login == null ? Login.DEFAULT : login;
      if (login.hostility() == Hostility.DENY) {
        answer.put("error", "access_denied");
      } else {
        String code = randomToken();
        List<String> requested = scopes(params.get("scope"));
        codes.put(
            code,
            new Grant(
                redirectUri,
                params.get("nonce"),
                params.containsKey("max_age"),
                challenge,
                login,
                requested.stream().filter(scope -> !scope.equals(OFFLINE_ACCESS)).toList(),
                requested.contains(OFFLINE_ACCESS) || "offline".equals(params.get("access_type"))));
        answer.put("code", code);
      }
    }
    if (params.containsKey("state")) {
      answer.put("state", params.get("state"));
    }
    if (responseIssuer != null ? !responseIssuer.isEmpty() : namesItselfInResponses) {
      answer.put("iss", responseIssuer == null ? issuer : responseIssuer);
    }
    redirect(exchange, withQuery(redirectUri, answer));
  }

  private void token(HttpExchange exchange) throws Exception {
    if (!exchange.getRequestMethod().equals("POST")) {
      count("token");
      send(exchange, 405, TEXT, "Use POST");
      return;
    }
    Map<String, String> params = params(exchange);
    boolean refresh = "refresh_token".equals(params.get("grant_type"));
    count(refresh ? "refresh" : "token");
    lastTokenRequest = new TokenRequest(Map.copyOf(params), clientAuthentication(exchange));
    if (!isClientAllowed(exchange, params)) {
      return;
    }
    if (refresh) {
      refresh(exchange, params);
      return;
    }
    if (!"authorization_code".equals(params.get("grant_type"))) {
      sendError(exchange, 400, "unsupported_grant_type");
      return;
    }
    Grant grant = codes.remove(params.getOrDefault("code", ""));
    if (grant == null
        || !grant.redirectUri().equals(params.get("redirect_uri"))
        || grant.codeChallenge() != null
            && !grant.codeChallenge().equals(s256(params.get("code_verifier")))) {
      sendError(exchange, 400, "invalid_grant");
      return;
    }
    Login login = grant.login();
    switch (login.hostility()) {
      case TOKEN_ENDPOINT_500 -> {
        send(exchange, 500, TEXT, "Internal Server Error");
        return;
      }
      case TOKEN_ENDPOINT_HTML -> {
        send(exchange, 200, "text/html; charset=utf-8", "<html><body>Maintenance</body></html>");
        return;
      }
      case TOKEN_ENDPOINT_HANG -> Thread.sleep(hangDuration.toMillis());
      default -> {}
    }
    String family = grant.offline() ? UUID.randomUUID().toString() : null;
    Map<String, Object> response = accessTokenResponse(login, grant.scopes(), family);
    if (family != null) {
      response.put("refresh_token", issueRefreshToken(login, grant.scopes(), family));
    }
    response.put("id_token", idToken(login, grant));
    sendTokens(exchange, response);
  }

  private void refresh(HttpExchange exchange, Map<String, String> params) throws Exception {
    Thread.sleep(refreshDelay.toMillis());
    if (refreshFailures.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
      sendError(exchange, 400, refreshFailureError);
      return;
    }
    String refreshToken = params.get("refresh_token");
    if (refreshToken == null) {
      sendError(exchange, 400, "invalid_request");
      return;
    }
    boolean rotate = rotateRefreshTokens;
    RefreshGrant grant =
        rotate ? refreshTokens.remove(refreshToken) : refreshTokens.get(refreshToken);
    if (grant == null) {
      sendError(exchange, 400, "invalid_grant");
      return;
    }
    Map<String, Object> response =
        accessTokenResponse(grant.login(), grant.scopes(), grant.family());
    if (rotate) {
      response.put(
          "refresh_token", issueRefreshToken(grant.login(), grant.scopes(), grant.family()));
    }
    sendTokens(exchange, response);
  }

  /** Issues an access token: the response's access_token, token_type, expires_in and scope. */
  private Map<String, Object> accessTokenResponse(Login login, List<String> scopes, String family) {
    Duration lifetime = accessTokenLifetime;
    String accessToken = randomToken();
    accessTokens.put(
        accessToken, new AccessToken(login, scopes, Instant.now().plus(lifetime), family));
    issuedAccessTokens.add(accessToken);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("access_token", accessToken);
    response.put("token_type", "Bearer");
    response.put("expires_in", lifetime.toSeconds());
    response.put("scope", String.join(" ", scopes));
    return response;
  }

  private String issueRefreshToken(Login login, List<String> scopes, String family) {
    String refreshToken = randomToken();
    refreshTokens.put(refreshToken, new RefreshGrant(login, scopes, family));
    issuedRefreshTokens.add(refreshToken);
    return refreshToken;
  }

  private static void sendTokens(HttpExchange exchange, Map<String, Object> response)
      throws IOException {
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    send(exchange, 200, JSON, JSONObjectUtils.toJSONString(response));
  }

  /**
   * RFC 7009: revokes a refresh token with every access token of its grant, or one access token.
   */
  private void revoke(HttpExchange exchange) throws IOException {
    if (!revocationAvailable) {
      send(exchange, 503, TEXT, "Revocation unavailable");
      return;
    }
    if (!exchange.getRequestMethod().equals("POST")) {
      send(exchange, 405, TEXT, "Use POST");
      return;
    }
    Map<String, String> params = params(exchange);
    if (!isClientAllowed(exchange, params)) {
      return;
    }
    String token = params.get("token");
    if (token == null) {
      sendError(exchange, 400, "invalid_request");
      return;
    }
    RefreshGrant grant = refreshTokens.remove(token);
    if (grant != null) {
      accessTokens.values().removeIf(access -> grant.family().equals(access.family()));
    }
    accessTokens.remove(token);
    exchange.sendResponseHeaders(200, -1);
  }

  private void driveFiles(HttpExchange exchange) throws Exception {
    Map<String, String> params = params(exchange);
    lastDriveQuery = Map.copyOf(params);
    DriveFailure failure = driveFailure;
    switch (failure) {
      case SERVER_ERROR -> {
        sendDriveError(exchange, 500, "Backend Error");
        return;
      }
      case HANG -> Thread.sleep(hangDuration.toMillis());
      default -> {}
    }
    AccessToken access = validAccessToken(exchange);
    if (failure == DriveFailure.UNAUTHORIZED
        || access == null
        || !access.scopes().contains(DRIVE_SCOPE)) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      sendDriveError(exchange, 401, "Invalid Credentials");
      return;
    }
    if (!exchange.getRequestMethod().equals("GET")) {
      sendDriveError(exchange, 405, "Method Not Allowed");
      return;
    }
    int pageSize;
    try {
      pageSize = Math.min(100, Integer.parseInt(params.getOrDefault("pageSize", "10")));
    } catch (NumberFormatException e) {
      pageSize = 0;
    }
    String orderBy = params.getOrDefault("orderBy", "");
    if (pageSize < 1 || !List.of("", "modifiedTime", "modifiedTime desc").contains(orderBy)) {
      sendDriveError(exchange, 400, "Invalid Value");
      return;
    }
    List<DriveFile> listed = new ArrayList<>(driveFiles(access.login().subject()));
    if (!orderBy.isEmpty()) {
      Comparator<DriveFile> order = Comparator.comparing(DriveFile::modifiedTime);
      listed.sort(orderBy.endsWith(" desc") ? order.reversed() : order);
    }
    List<Map<String, Object>> files =
        listed.stream().limit(pageSize).map(TestProvider::driveFile).toList();
    send(exchange, 200, JSON, JSONObjectUtils.toJSONString(Map.of("files", files)));
  }

  private static Map<String, Object> driveFile(DriveFile file) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", file.id());
    json.put("name", file.name());
    json.put("modifiedTime", RFC_3339_MILLIS.format(file.modifiedTime()));
    json.put("webViewLink", "https://drive.example.test/file/d/" + file.id() + "/view");
    return json;
  }

  private static void sendDriveError(HttpExchange exchange, int code, String message)
      throws IOException {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    send(exchange, code, JSON, JSONObjectUtils.toJSONString(Map.of("error", error)));
  }

  private void jwks(HttpExchange exchange) throws IOException {
    if (!jwksAvailable) {
      send(exchange, 503, TEXT, "JWKS unavailable");
      return;
    }
    send(exchange, 200, JSON, JSONObjectUtils.toJSONString(keys.published().toJSONObject(true)));
  }

  private void userinfo(HttpExchange exchange) throws IOException {
    AccessToken access = validAccessToken(exchange);
    if (access == null) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      sendError(exchange, 401, "invalid_token");
      return;
    }
    Login login = access.login();
    Map<String, Object> claims = new LinkedHashMap<>(login.claims());
    if (login.hostility() == Hostility.USERINFO_OTHER_SUBJECT) {
      claims.put("sub", "someone-else");
    }
    send(exchange, 200, JSON, JSONObjectUtils.toJSONString(claims));
  }

  /** The S256 challenge of a PKCE verifier (RFC 7636 4.2); null for none. */
  static String s256(String verifier) {
    if (verifier == null) {
      return null;
    }
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(verifier.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void logout(HttpExchange exchange) throws IOException {
    Map<String, String> params = params(exchange);
    String target = params.get("post_logout_redirect_uri");
    if (target == null) {
      send(exchange, 200, TEXT, "Signed out");
      return;
    }
    Map<String, String> answer = new LinkedHashMap<>();
    if (params.containsKey("state")) {
      answer.put("state", params.get("state"));
    }
    redirect(exchange, withQuery(target, answer));
  }

  /**
   * Moves the provider's own clock (its {@code auth_time}) forward like the server's, for tests
   * that move Latchkey's clock ({@code ServerClock}); token lifetimes stay on real time, which is
   * what the standard mechanism checks them against.
   */
  public void advanceAuthTime(Duration by) {
    authTimeOffset = authTimeOffset.plus(by);
  }

  private String idToken(Login login, Grant grant) throws JOSEException, GeneralSecurityException {
    String nonce = grant.nonce();
    Hostility hostility = login.hostility();
    boolean expired = hostility == Hostility.EXPIRED;
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(hostility == Hostility.WRONG_ISSUER ? "http://evil.example.test" : issuer)
            .audience(
                switch (hostility) {
                  case WRONG_AUDIENCE -> List.of(OTHER_CLIENT);
                  case EXTRA_AUDIENCE -> List.of(clientId, OTHER_CLIENT);
                  default -> List.of(clientId);
                })
            .claim("azp", hostility == Hostility.WRONG_AZP ? OTHER_CLIENT : clientId)
            .issueTime(Date.from(expired ? now.minus(Duration.ofHours(2)) : now))
            .expirationTime(
                Date.from(
                    expired ? now.minus(Duration.ofHours(1)) : now.plus(Duration.ofMinutes(5))))
            .claim("nonce", hostility == Hostility.WRONG_NONCE ? "not-" + nonce : nonce);
    if (grant.maxAgeAsked()) {
      // As OpenID Core requires when max_age was requested (Google sends it only then).
      claims.claim("auth_time", now.plus(authTimeOffset).getEpochSecond());
    }
    login.claims().forEach(claims::claim);
    if (hostility == Hostility.PROFILE_ONLY_AT_USERINFO
        || hostility == Hostility.USERINFO_OTHER_SUBJECT) {
      List.of("email", "email_verified", "name", "picture").forEach(c -> claims.claim(c, null));
    }
    if (hostility == Hostility.MISSING_SUB) {
      claims.subject(null);
    }
    JWTClaimsSet claimsSet = claims.build();
    RSAKey key = keys.signing();
    return switch (hostility) {
      case ALG_NONE -> new PlainJWT(claimsSet).serialize();
      case HS256_WITH_CLIENT_SECRET -> signWithClientSecret(claimsSet);
      case WRONG_KEY -> sign(claimsSet, newKey(key.getKeyID()));
      default -> sign(claimsSet, key);
    };
  }

  /** The event a back-channel logout token carries (Back-Channel Logout 1.0, 2.4). */
  public static final String LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

  /**
   * A back-channel logout token for this client, as the provider would send it when its session
   * {@code sid} (or every session of {@code subject}) ends, signed with the current key. {@code
   * changes} replace claims; a null value removes one.
   */
  public String logoutToken(String subject, String sid, Map<String, Object> changes) {
    return logoutToken(subject, sid, changes, keys.signing());
  }

  /** As {@link #logoutToken}, but signed with a key the provider never published. */
  public String logoutTokenWithUnknownKey(String subject, String sid) {
    return logoutToken(subject, sid, Map.of(), newKey(keys.signing().getKeyID()));
  }

  private String logoutToken(String subject, String sid, Map<String, Object> changes, RSAKey key) {
    long now = Instant.now().getEpochSecond();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("aud", List.of(clientId));
    claims.put("iat", now);
    claims.put("exp", now + 120);
    claims.put("jti", UUID.randomUUID().toString());
    claims.put("events", Map.of(LOGOUT_EVENT, Map.of()));
    if (subject != null) {
      claims.put("sub", subject);
    }
    if (sid != null) {
      claims.put("sid", sid);
    }
    changes.forEach(
        (claim, value) -> {
          if (value == null) {
            claims.remove(claim);
          } else {
            claims.put(claim, value);
          }
        });
    try {
      JWSHeader header =
          new JWSHeader.Builder(JWSAlgorithm.RS256)
              .keyID(key.getKeyID())
              .type(new JOSEObjectType("logout+jwt"))
              .build();
      SignedJWT jwt = new SignedJWT(header, JWTClaimsSet.parse(claims));
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException | java.text.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sign(JWTClaimsSet claims, RSAKey key) throws JOSEException {
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.RS256)
            .keyID(key.getKeyID())
            .type(JOSEObjectType.JWT)
            .build();
    SignedJWT jwt = new SignedJWT(header, claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  /** By hand, because Nimbus refuses HMAC keys shorter than 256 bits and test secrets may be. */
  private String signWithClientSecret(JWTClaimsSet claims) throws GeneralSecurityException {
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();
    String signingInput = header.toBase64URL() + "." + claims.toPayload().toBase64URL();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(clientSecret.getBytes(UTF_8), "HmacSHA256"));
    return signingInput + "." + Base64URL.encode(mac.doFinal(signingInput.getBytes(US_ASCII)));
  }

  private static RSAKey newKey(String keyId) {
    try {
      return new RSAKeyGenerator(2048)
          .keyID(keyId)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean isRegistered(String redirectUri) {
    return redirectUri != null
        && redirectUris.stream()
            .anyMatch(
                allowed ->
                    allowed.endsWith("*")
                        ? redirectUri.startsWith(allowed.substring(0, allowed.length() - 1))
                        : allowed.equals(redirectUri));
  }

  /** The request's unexpired, unrevoked bearer token; null for none. */
  private AccessToken validAccessToken(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    AccessToken access =
        authorization != null && authorization.startsWith("Bearer ")
            ? accessTokens.get(authorization.substring(7).trim())
            : null;
    return access != null && access.isValid() ? access : null;
  }

  private static String clientAuthentication(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
        ? "client_secret_basic"
        : "client_secret_post";
  }

  /** Whether the client authenticated as allowed; when not, answers 401 invalid_client. */
  private boolean isClientAllowed(HttpExchange exchange, Map<String, String> params)
      throws IOException {
    if (tokenAuthMethods.contains(clientAuthentication(exchange))
        && isClientAuthenticated(exchange, params)) {
      return true;
    }
    exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"test-provider\"");
    sendError(exchange, 401, "invalid_client");
    return false;
  }

  /** Per RFC 6749 section 2.3.1, the Basic credentials are form-encoded before Base64. */
  private boolean isClientAuthenticated(HttpExchange exchange, Map<String, String> params) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return clientId.equals(params.get("client_id"))
          && clientSecret.equals(params.get("client_secret"));
    }
    try {
      String credentials =
          new String(Base64.getDecoder().decode(authorization.substring(6).trim()), UTF_8);
      int colon = credentials.indexOf(':');
      return colon >= 0
          && clientId.equals(decode(credentials.substring(0, colon)))
          && clientSecret.equals(decode(credentials.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The query of a GET, or the form body of a POST. */
  private static Map<String, String> params(HttpExchange exchange) throws IOException {
    String raw =
        exchange.getRequestMethod().equals("POST")
            ? new String(exchange.getRequestBody().readAllBytes(), UTF_8)
            : exchange.getRequestURI().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return Map.of();
    }
    return Arrays.stream(raw.split("&"))
        .map(pair -> pair.split("=", 2))
        .collect(
            Collectors.toMap(
                pair -> decode(pair[0]),
                pair -> pair.length == 2 ? decode(pair[1]) : "",
                (first, repeated) -> first));
  }

  /** The distinct scopes of a space-separated {@code scope} parameter, in order. */
  private static List<String> scopes(String scope) {
    return scope == null
        ? List.of()
        : Arrays.stream(scope.trim().split(" +")).filter(s -> !s.isEmpty()).distinct().toList();
  }

  private void count(String endpoint) {
    counts.get(endpoint).incrementAndGet();
  }

  private static String withQuery(String uri, Map<String, String> params) {
    StringJoiner query = new StringJoiner("&");
    params.forEach(
        (name, value) ->
            query.add(URLEncoder.encode(name, UTF_8) + "=" + URLEncoder.encode(value, UTF_8)));
    if (query.length() == 0) {
      return uri;
    }
    return uri + (uri.contains("?") ? "&" : "?") + query;
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, UTF_8);
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64URL.encode(bytes).toString();
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(302, -1);
  }

  private static void sendError(HttpExchange exchange, int status, String error)
      throws IOException {
    send(exchange, status, JSON, JSONObjectUtils.toJSONString(Map.of("error", error)));
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
