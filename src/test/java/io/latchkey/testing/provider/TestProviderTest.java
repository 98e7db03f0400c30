package io.latchkey.testing.provider;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.testing.provider.TestProvider.DriveFailure;
import io.latchkey.testing.provider.TestProvider.DriveFile;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestProviderTest {

  private static final String CLIENT_ID = "latchkey";
  private static final String SECRET = "short-secret";
  private static final String REDIRECT_URI = "http://localhost:8080/latchkey/oidc/callback";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String DRIVE = TestProvider.DRIVE_SCOPE;
  private static final String OFFLINE_SCOPE = "openid email offline_access " + DRIVE;

  private TestProvider provider;

  @BeforeEach
  void start() {
    provider = TestProvider.start(CLIENT_ID, SECRET, REDIRECT_URI);
  }

  @AfterEach
  void stop() {
    provider.close();
  }

  @Test
  void discoveryDocumentDescribesTheProvider() throws Exception {
    HttpResponse<String> response = get("/.well-known/openid-configuration");

    assertEquals(200, response.statusCode());
    Map<String, Object> document = JSONObjectUtils.parse(response.body());
    String issuer = provider.issuer();
    assertTrue(issuer.matches("http://localhost:\\d+"), issuer);
    assertEquals(issuer, document.get("issuer"));
    assertEquals(issuer + "/authorize", document.get("authorization_endpoint"));
    assertEquals(issuer + "/token", document.get("token_endpoint"));
    assertEquals(issuer + "/jwks", document.get("jwks_uri"));
    assertEquals(issuer + "/userinfo", document.get("userinfo_endpoint"));
    assertEquals(issuer + "/logout", document.get("end_session_endpoint"));
    assertEquals(issuer + "/revoke", document.get("revocation_endpoint"));
    assertEquals(List.of("openid", "email", "profile"), document.get("scopes_supported"));
    assertEquals(List.of("code"), document.get("response_types_supported"));
    assertEquals(List.of("public"), document.get("subject_types_supported"));
    assertEquals(List.of("RS256"), document.get("id_token_signing_alg_values_supported"));
    assertEquals(
        List.of("client_secret_basic", "client_secret_post"),
        document.get("token_endpoint_auth_methods_supported"));
    assertTrue(((List<?>) document.get("claims_supported")).contains("email_verified"));
    provider.setScopesSupported(List.of("openid", DRIVE));
    assertEquals(
        List.of("openid", DRIVE),
        JSONObjectUtils.parse(get("/.well-known/openid-configuration").body())
            .get("scopes_supported"));
  }

  @Test
  void roundTripYieldsIdTokenVerifiedByJwksWithQueuedClaimsAndNonce() throws Exception {
    provider.enqueueLogin(
        Login.DEFAULT
            .withSubject("alice")
            .withEmail("alice@example.test")
            .withEmailVerified(false)
            .withName("Alice")
            .withPicture("http://localhost/alice.png")
            .withClaim("groups", List.of("admins")));

    Map<String, String> redirect = authorize("nonce-1", "state-1");
    assertEquals("state-1", redirect.get("state"));
    HttpResponse<String> response = exchangeCode(redirect.get("code"), true);

    assertEquals(200, response.statusCode());
    Map<String, Object> tokens = JSONObjectUtils.parse(response.body());
    assertEquals("Bearer", tokens.get("token_type"));
    assertEquals(300L, tokens.get("expires_in"));
    assertEquals("openid", tokens.get("scope"));
    assertFalse(tokens.containsKey("refresh_token"));
    SignedJWT idToken = SignedJWT.parse((String) tokens.get("id_token"));
    RSAKey key = jwks().getKeyByKeyId(idToken.getHeader().getKeyID()).toRSAKey();
    assertEquals(JWSAlgorithm.RS256, idToken.getHeader().getAlgorithm());
    assertTrue(idToken.verify(new RSASSAVerifier(key)));
    JWTClaimsSet claims = idToken.getJWTClaimsSet();
    assertEquals(provider.issuer(), claims.getIssuer());
    assertEquals("alice", claims.getSubject());
    assertEquals(List.of(CLIENT_ID), claims.getAudience());
    assertEquals(CLIENT_ID, claims.getStringClaim("azp"));
    assertEquals("nonce-1", claims.getStringClaim("nonce"));
    assertEquals("alice@example.test", claims.getStringClaim("email"));
    assertEquals(false, claims.getBooleanClaim("email_verified"));
    assertEquals("Alice", claims.getStringClaim("name"));
    assertEquals("http://localhost/alice.png", claims.getStringClaim("picture"));
    assertEquals(List.of("admins"), claims.getStringListClaim("groups"));
    assertTrue(claims.getExpirationTime().toInstant().isAfter(Instant.now().plusSeconds(240)));

    HttpResponse<String> userinfo =
        HTTP.send(
            request("/userinfo")
                .header("Authorization", "Bearer " + tokens.get("access_token"))
                .build(),
            BodyHandlers.ofString());
    assertEquals("alice", JSONObjectUtils.parse(userinfo.body()).get("sub"));
  }

  @Test
  void defaultLoginIsUsedWhenTheQueueIsEmpty() throws Exception {
    JWTClaimsSet claims = idToken(null).getJWTClaimsSet();

    assertEquals("default-subject", claims.getSubject());
    assertEquals("default@example.test", claims.getStringClaim("email"));
    assertEquals(true, claims.getBooleanClaim("email_verified"));
    assertNull(claims.getClaim("nonce"));
  }

  @Test
  void codeCannotBeUsedTwice() throws Exception {
    String code = authorize("n", "s").get("code");

    assertEquals(200, exchangeCode(code, false).statusCode());
    HttpResponse<String> second = exchangeCode(code, false);
    assertEquals(400, second.statusCode());
    assertEquals("invalid_grant", JSONObjectUtils.parse(second.body()).get("error"));
  }

  @Test
  void tokenEndpointRejectsWrongSecretAndUnregisteredRedirectUri() throws Exception {
    String code = authorize("n", "s").get("code");
    HttpResponse<String> wrongSecret =
        post(
            "/token",
            "grant_type=authorization_code&client_id=latchkey&client_secret=x&code=" + code);
    assertEquals(401, wrongSecret.statusCode());

    HttpResponse<String> unregistered =
        get("/authorize?response_type=code&client_id=latchkey&redirect_uri=http://evil.test/cb");
    assertEquals(400, unregistered.statusCode());
  }

  @Test
  void redirectUriEndingInStarAllowsEveryUriBelowIt() throws Exception {
    try (TestProvider prefixed = TestProvider.start(CLIENT_ID, SECRET, "http://localhost:8080/*")) {
      String authorize = prefixed.issuer() + "/authorize?response_type=code&client_id=" + CLIENT_ID;
      assertEquals(
          302, send(authorize + "&redirect_uri=http://localhost:8080/any/cb").statusCode());
      assertEquals(400, send(authorize + "&redirect_uri=http://localhost:8081/cb").statusCode());
    }
  }

  @Test
  void algNoneTokenIsUnsigned() throws Exception {
    provider.enqueueLogin(Login.hostile(Hostility.ALG_NONE));

    JWT idToken = JWTParser.parse(tokenResponse().get("id_token").toString());

    assertEquals("none", idToken.getHeader().getAlgorithm().getName());
    assertEquals("default-subject", idToken.getJWTClaimsSet().getSubject());
  }

  @Test
  void wrongKeyTokenDoesNotVerifyWithJwks() throws Exception {
    provider.enqueueLogin(Login.hostile(Hostility.WRONG_KEY));

    SignedJWT idToken = idToken("n");

    String keyId = idToken.getHeader().getKeyID();
    RSAKey served = jwks().getKeyByKeyId(keyId).toRSAKey();
    assertFalse(idToken.verify(new RSASSAVerifier(served)));
  }

  @Test
  void claimHostilitiesBreakTheirClaim() throws Exception {
    provider.enqueueLogin(Login.hostile(Hostility.WRONG_ISSUER));
    assertNotEquals(provider.issuer(), idToken("n").getJWTClaimsSet().getIssuer());
    provider.enqueueLogin(Login.hostile(Hostility.WRONG_AUDIENCE));
    assertNotEquals(List.of(CLIENT_ID), idToken("n").getJWTClaimsSet().getAudience());
    provider.enqueueLogin(Login.hostile(Hostility.WRONG_AZP));
    assertNotEquals(CLIENT_ID, idToken("n").getJWTClaimsSet().getStringClaim("azp"));
    provider.enqueueLogin(Login.hostile(Hostility.WRONG_NONCE));
    assertNotEquals("n", idToken("n").getJWTClaimsSet().getStringClaim("nonce"));
    provider.enqueueLogin(Login.hostile(Hostility.MISSING_SUB));
    assertFalse(idToken("n").getJWTClaimsSet().getClaims().containsKey("sub"));
    provider.enqueueLogin(Login.hostile(Hostility.EXPIRED));
    assertTrue(
        idToken("n").getJWTClaimsSet().getExpirationTime().toInstant().isBefore(Instant.now()));
    provider.enqueueLogin(Login.hostile(Hostility.HS256_WITH_CLIENT_SECRET));
    SignedJWT hmac = idToken("n");
    assertEquals(JWSAlgorithm.HS256, hmac.getHeader().getAlgorithm());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(UTF_8), "HmacSHA256"));
    byte[] expected = mac.doFinal(hmac.getSigningInput());
    assertArrayEquals(expected, hmac.getSignature().decode());
  }

  @Test
  void tokenEndpointFailuresAnswerAsConfigured() throws Exception {
    provider.enqueueLogin(Login.hostile(Hostility.TOKEN_ENDPOINT_500));
    assertEquals(500, exchangeCode(authorize("n", "s").get("code"), true).statusCode());

    provider.enqueueLogin(Login.hostile(Hostility.TOKEN_ENDPOINT_HTML));
    HttpResponse<String> html = exchangeCode(authorize("n", "s").get("code"), true);
    assertEquals(200, html.statusCode());
    assertTrue(html.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
  }

  @Test
  void rotateKeysChangesTheServedKid() throws Exception {
    String oldKid = jwks().getKeys().get(0).getKeyID();

    String newKid = provider.rotateKeys();

    assertNotEquals(oldKid, newKid);
    assertEquals(List.of(newKid), keyIds());
    assertEquals(newKid, idToken("n").getHeader().getKeyID());
    String newestKid = provider.rotateKeys(true);
    assertEquals(List.of(newestKid, newKid), keyIds());
  }

  @Test
  void jwksAnswers503WhenUnavailable() throws Exception {
    provider.setJwksAvailable(false);
    assertEquals(503, get("/jwks").statusCode());
    provider.setJwksAvailable(true);
    assertEquals(200, get("/jwks").statusCode());
  }

  @Test
  void countsCallsPerEndpoint() throws Exception {
    get("/.well-known/openid-configuration");
    idToken("n");
    jwks();
    jwks();
    get("/logout");

    assertEquals(1, provider.calls("discovery"));
    assertEquals(1, provider.calls("authorize"));
    assertEquals(1, provider.calls("token"));
    assertEquals(2, provider.calls("jwks"));
    assertEquals(0, provider.calls("userinfo"));
    assertEquals(1, provider.calls("logout"));
    assertEquals(0, provider.calls("refresh"));
    assertEquals(0, provider.calls("revoke"));
    assertEquals(0, provider.calls("drive"));
    assertThrows(IllegalArgumentException.class, () -> provider.calls("tokens"));
    provider.resetCounts();
    assertEquals(0, provider.calls("jwks"));
  }

  @Test
  void logoutRedirectsToPostLogoutUri() throws Exception {
    HttpResponse<String> response =
        get("/logout?post_logout_redirect_uri=" + encode("http://localhost:8080/bye") + "&state=z");

    assertEquals(302, response.statusCode());
    assertEquals(
        "http://localhost:8080/bye?state=z", response.headers().firstValue("Location").get());
  }

  @Test
  void denyRedirectsWithAccessDeniedAndState() throws Exception {
    provider.enqueueLogin(Login.hostile(Hostility.DENY));

    Map<String, String> redirect = authorize("n", "state-9");

    assertEquals("access_denied", redirect.get("error"));
    assertEquals("state-9", redirect.get("state"));
    assertFalse(redirect.containsKey("code"));
  }

  @Test
  void hangingTokenEndpointTimesOutWithoutBlockingOtherRequests() throws Exception {
    provider.setHangDuration(Duration.ofSeconds(3));
    provider.enqueueLogin(Login.hostile(Hostility.TOKEN_ENDPOINT_HANG));
    String code = authorize("n", "s").get("code");

    long started = System.nanoTime();
    HttpRequest hanging = tokenRequest(code, true).timeout(Duration.ofMillis(500)).build();
    assertThrows(HttpTimeoutException.class, () -> HTTP.send(hanging, BodyHandlers.ofString()));
    assertEquals(200, get("/.well-known/openid-configuration").statusCode());
    assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 2500);
  }

  @Test
  void offlineAuthorizationYieldsRefreshTokenAndGrantedScopes() throws Exception {
    assertNull(provider.lastAuthorizationRequest());

    Map<String, Object> tokens = offlineTokens();

    assertEquals("openid email " + DRIVE, tokens.get("scope"));
    String refreshToken = (String) tokens.get("refresh_token");
    assertNotNull(refreshToken);
    assertTrue(provider.isRefreshTokenActive(refreshToken));
    assertEquals(List.of(refreshToken), provider.issuedRefreshTokens());
    assertEquals(List.of(tokens.get("access_token")), provider.issuedAccessTokens());
    assertTrue(tokens.containsKey("id_token"));
    assertEquals(OFFLINE_SCOPE, provider.lastAuthorizationRequest().get("scope"));

    String code =
        authorize(
                "scope=openid+"
                    + encode(DRIVE)
                    + "&access_type=offline&prompt=consent&include_granted_scopes=true")
            .get("code");
    Map<String, String> request = provider.lastAuthorizationRequest();
    assertEquals("offline", request.get("access_type"));
    assertEquals("consent", request.get("prompt"));
    assertEquals("true", request.get("include_granted_scopes"));
    Map<String, Object> googleStyle = JSONObjectUtils.parse(exchangeCode(code, false).body());
    assertEquals("openid " + DRIVE, googleStyle.get("scope"));
    assertEquals(googleStyle.get("refresh_token"), provider.issuedRefreshTokens().get(1));
  }

  @Test
  void refreshedAccessTokenListsTheTenMostRecentDriveFiles() throws Exception {
    String refreshToken = (String) offlineTokens().get("refresh_token");
    assertEquals(
        401,
        post(
                "/token",
                "grant_type=refresh_token&client_id=latchkey&client_secret=x&refresh_token="
                    + refreshToken)
            .statusCode());

    HttpResponse<String> response = refresh(refreshToken, true);

    assertEquals(200, response.statusCode());
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
    Map<String, Object> tokens = JSONObjectUtils.parse(response.body());
    assertEquals("Bearer", tokens.get("token_type"));
    assertEquals(300L, tokens.get("expires_in"));
    assertEquals("openid email " + DRIVE, tokens.get("scope"));
    assertFalse(tokens.containsKey("id_token"));
    assertFalse(tokens.containsKey("refresh_token"));
    assertTrue(provider.isRefreshTokenActive(refreshToken));
    assertEquals(1, provider.calls("token"));
    assertEquals(2, provider.calls("refresh"));

    HttpResponse<String> drive = drive(tokens.get("access_token"), "?orderBy=modifiedTime+desc");

    assertEquals(200, drive.statusCode());
    Map<String, Object>[] files = files(drive);
    assertEquals(
        IntStream.iterate(12, n -> n >= 3, n -> n - 1)
            .mapToObj(n -> "Report " + n + ".docx")
            .toList(),
        Stream.of(files).map(file -> file.get("name")).toList());
    assertEquals("2026-11-30T10:15:00.000Z", files[0].get("modifiedTime"));
    assertEquals("2026-11-30T09:15:00.000Z", files[1].get("modifiedTime"));
    assertEquals(
        "https://drive.example.test/file/d/" + files[0].get("id") + "/view",
        files[0].get("webViewLink"));
    assertEquals(Map.of("orderBy", "modifiedTime desc"), provider.lastDriveQuery());
    assertEquals(1, provider.calls("drive"));
  }

  @Test
  void driveListsASubjectsOwnFilesUpToPageSizeToTokensWithTheDriveScope() throws Exception {
    Instant now = Instant.parse("2026-12-01T08:00:00Z");
    provider.setDriveFiles(
        "alice",
        List.of(
            new DriveFile("a", "Old.txt", now.minusSeconds(60)),
            new DriveFile("b", "New.txt", now),
            new DriveFile("c", "Middle.txt", now.minusSeconds(30))));
    provider.enqueueLogin(Login.DEFAULT.withSubject("alice"));
    Object accessToken = offlineTokens().get("access_token");

    assertEquals(List.of("Old.txt", "New.txt", "Middle.txt"), names(drive(accessToken, "")));
    assertEquals(
        List.of("New.txt", "Middle.txt"),
        names(drive(accessToken, "?pageSize=2&orderBy=modifiedTime%20desc")));
    assertEquals(
        List.of("Old.txt", "Middle.txt", "New.txt"),
        names(drive(accessToken, "?orderBy=modifiedTime")));
    assertEquals(400, drive(accessToken, "?pageSize=0").statusCode());
    assertEquals(401, drive(tokenResponse().get("access_token"), "").statusCode());
    assertEquals(
        401, HTTP.send(request("/drive/v3/files").build(), BodyHandlers.ofString()).statusCode());
  }

  @Test
  void rotationInvalidatesTheRefreshTokenItReplaces() throws Exception {
    provider.setRotateRefreshTokens(true);
    String first = (String) offlineTokens().get("refresh_token");

    HttpResponse<String> response = refresh(first, false);

    assertEquals(200, response.statusCode());
    String second = (String) JSONObjectUtils.parse(response.body()).get("refresh_token");
    assertNotNull(second);
    assertNotEquals(first, second);
    assertEquals(List.of(first, second), provider.issuedRefreshTokens());
    assertFalse(provider.isRefreshTokenActive(first));
    assertTrue(provider.isRefreshTokenActive(second));
    assertError("invalid_grant", refresh(first, true));
    assertEquals(200, refresh(second, true).statusCode());
  }

  @Test
  void slowRotatingRefreshLetsOnlyOneOfTwoConcurrentRequestsWin() throws Exception {
    provider.setRotateRefreshTokens(true);
    provider.setRefreshDelay(Duration.ofMillis(300));
    String refreshToken = (String) offlineTokens().get("refresh_token");

    CompletableFuture<HttpResponse<String>> first =
        HTTP.sendAsync(refreshRequest(refreshToken, true).build(), BodyHandlers.ofString());
    CompletableFuture<HttpResponse<String>> second =
        HTTP.sendAsync(refreshRequest(refreshToken, true).build(), BodyHandlers.ofString());

    assertEquals(
        List.of(200, 400),
        Stream.of(first.get(), second.get()).map(HttpResponse::statusCode).sorted().toList());
    assertEquals(2, provider.calls("refresh"));
  }

  @Test
  void revokedRefreshTokenNoLongerRefreshesAndItsAccessTokensFail() throws Exception {
    Map<String, Object> tokens = offlineTokens();
    String refreshToken = (String) tokens.get("refresh_token");
    Object refreshed =
        JSONObjectUtils.parse(refresh(refreshToken, true).body()).get("access_token");
    assertEquals(200, drive(refreshed, "").statusCode());
    assertEquals(
        401,
        post("/revoke", "client_id=latchkey&client_secret=x&token=" + refreshToken).statusCode());

    HttpResponse<String> revoked = revoke(refreshToken, false);

    assertEquals(200, revoked.statusCode());
    assertFalse(provider.isRefreshTokenActive(refreshToken));
    assertError("invalid_grant", refresh(refreshToken, true));
    for (Object accessToken : List.of(tokens.get("access_token"), refreshed)) {
      HttpResponse<String> drive = drive(accessToken, "");
      assertEquals(401, drive.statusCode());
      assertEquals(
          "Bearer error=\"invalid_token\"",
          drive.headers().firstValue("WWW-Authenticate").orElseThrow());
      assertEquals(
          Map.of("code", 401L, "message", "Invalid Credentials"),
          JSONObjectUtils.parse(drive.body()).get("error"));
    }
    assertEquals(200, revoke(refreshToken, true).statusCode());
    assertEquals(200, revoke("never-issued", true).statusCode());
    assertEquals(4, provider.calls("revoke"));
  }

  @Test
  void revokingAnAccessTokenLeavesItsRefreshTokenActive() throws Exception {
    Map<String, Object> tokens = offlineTokens();
    Object accessToken = tokens.get("access_token");

    assertEquals(200, revoke(accessToken + "&token_type_hint=access_token", true).statusCode());

    assertEquals(401, drive(accessToken, "").statusCode());
    assertTrue(provider.isRefreshTokenActive((String) tokens.get("refresh_token")));
    provider.setRevocationAvailable(false);
    assertEquals(503, revoke(tokens.get("refresh_token"), true).statusCode());
    assertTrue(provider.isRefreshTokenActive((String) tokens.get("refresh_token")));
  }

  @Test
  void expiredAccessTokensFailAtTheDriveApi() throws Exception {
    Map<String, Object> tokens = offlineTokens();
    Object accessToken = tokens.get("access_token");
    assertEquals(200, drive(accessToken, "").statusCode());

    provider.expireAccessTokens();

    assertEquals(401, drive(accessToken, "").statusCode());
    provider.setAccessTokenLifetime(Duration.ofSeconds(1));
    Map<String, Object> refreshed =
        JSONObjectUtils.parse(refresh(tokens.get("refresh_token"), true).body());
    assertEquals(1L, refreshed.get("expires_in"));
    Thread.sleep(1100);
    assertEquals(401, drive(refreshed.get("access_token"), "").statusCode());
  }

  @Test
  void failNextRefreshesAnswersTheErrorThatManyTimes() throws Exception {
    String refreshToken = (String) offlineTokens().get("refresh_token");

    provider.failNextRefreshes(2, "invalid_grant");

    assertError("invalid_grant", refresh(refreshToken, true));
    assertError("invalid_grant", refresh(refreshToken, false));
    assertEquals(200, refresh(refreshToken, true).statusCode());
    assertTrue(provider.isRefreshTokenActive(refreshToken));
    assertEquals(3, provider.calls("refresh"));
    assertEquals(1, provider.calls("token"));
    provider.failNextRefreshes(1, "temporarily_unavailable");
    assertError("temporarily_unavailable", refresh(refreshToken, true));
  }

  @Test
  void driveFailuresAnswerAsConfigured() throws Exception {
    Object accessToken = offlineTokens().get("access_token");

    provider.setDriveFailure(DriveFailure.SERVER_ERROR);
    HttpResponse<String> failed = drive(accessToken, "");
    assertEquals(500, failed.statusCode());
    assertEquals(
        Map.of("code", 500L, "message", "Backend Error"),
        JSONObjectUtils.parse(failed.body()).get("error"));

    provider.setDriveFailure(DriveFailure.UNAUTHORIZED);
    assertEquals(401, drive(accessToken, "").statusCode());

    provider.setHangDuration(Duration.ofMillis(300));
    provider.setDriveFailure(DriveFailure.HANG);
    long started = System.nanoTime();
    assertEquals(200, drive(accessToken, "").statusCode());
    assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 300);

    provider.setDriveFailure(DriveFailure.NONE);
    assertEquals(10, files(drive(accessToken, "")).length);
  }

  private Map<String, String> authorize(String nonce, String state) throws Exception {
    return authorize("scope=openid&state=" + state + (nonce == null ? "" : "&nonce=" + nonce));
  }

  /** Authorizes with {@code query} besides response_type, client_id and redirect_uri. */
  private Map<String, String> authorize(String query) throws Exception {
    HttpResponse<String> response =
        get(
            "/authorize?response_type=code&client_id="
                + CLIENT_ID
                + "&redirect_uri="
                + encode(REDIRECT_URI)
                + "&"
                + query);
    assertEquals(302, response.statusCode());
    URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
    assertTrue(location.toString().startsWith(REDIRECT_URI + "?"));
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : location.getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      params.put(parts[0], URLDecoder.decode(parts[1], UTF_8));
    }
    return params;
  }

  private HttpResponse<String> exchangeCode(String code, boolean basic) throws Exception {
    return HTTP.send(tokenRequest(code, basic).build(), BodyHandlers.ofString());
  }

  private HttpRequest.Builder tokenRequest(String code, boolean basic) {
    return clientPost(
        "/token",
        "grant_type=authorization_code&code=" + code + "&redirect_uri=" + encode(REDIRECT_URI),
        basic);
  }

  private HttpRequest.Builder refreshRequest(Object refreshToken, boolean basic) {
    return clientPost("/token", "grant_type=refresh_token&refresh_token=" + refreshToken, basic);
  }

  private HttpResponse<String> refresh(Object refreshToken, boolean basic) throws Exception {
    return HTTP.send(refreshRequest(refreshToken, basic).build(), BodyHandlers.ofString());
  }

  private HttpResponse<String> revoke(Object token, boolean basic) throws Exception {
    return HTTP.send(
        clientPost("/revoke", "token=" + token, basic).build(), BodyHandlers.ofString());
  }

  /** A POST of {@code form} by the client, authenticated with Basic or in the form. */
  private HttpRequest.Builder clientPost(String path, String form, boolean basic) {
    HttpRequest.Builder request =
        request(path).header("Content-Type", "application/x-www-form-urlencoded");
    if (basic) {
      String credentials =
          Base64.getEncoder().encodeToString((CLIENT_ID + ":" + SECRET).getBytes(UTF_8));
      request.header("Authorization", "Basic " + credentials);
    } else {
      form += "&client_id=" + CLIENT_ID + "&client_secret=" + SECRET;
    }
    return request.POST(HttpRequest.BodyPublishers.ofString(form));
  }

  private Map<String, Object> tokenResponse() throws Exception {
    HttpResponse<String> response = exchangeCode(authorize("n", "s").get("code"), true);
    assertEquals(200, response.statusCode());
    return JSONObjectUtils.parse(response.body());
  }

  /** The token response to an authorization for the Drive scope with offline_access. */
  private Map<String, Object> offlineTokens() throws Exception {
    HttpResponse<String> response =
        exchangeCode(authorize("scope=" + encode(OFFLINE_SCOPE)).get("code"), true);
    assertEquals(200, response.statusCode());
    return JSONObjectUtils.parse(response.body());
  }

  private HttpResponse<String> drive(Object accessToken, String query) throws Exception {
    return HTTP.send(
        request("/drive/v3/files" + query).header("Authorization", "Bearer " + accessToken).build(),
        BodyHandlers.ofString());
  }

  private static Map<String, Object>[] files(HttpResponse<String> drive) throws Exception {
    assertEquals(200, drive.statusCode());
    return JSONObjectUtils.getJSONObjectArray(JSONObjectUtils.parse(drive.body()), "files");
  }

  private static List<Object> names(HttpResponse<String> drive) throws Exception {
    return Stream.of(files(drive)).map(file -> file.get("name")).toList();
  }

  private static void assertError(String error, HttpResponse<String> response) throws Exception {
    assertEquals(400, response.statusCode());
    assertEquals(error, JSONObjectUtils.parse(response.body()).get("error"));
  }

  private SignedJWT idToken(String nonce) throws Exception {
    HttpResponse<String> response = exchangeCode(authorize(nonce, "s").get("code"), true);
    assertEquals(200, response.statusCode());
    return SignedJWT.parse(JSONObjectUtils.parse(response.body()).get("id_token").toString());
  }

  private JWKSet jwks() throws Exception {
    return JWKSet.parse(get("/jwks").body());
  }

  private List<String> keyIds() throws Exception {
    return jwks().getKeys().stream().map(JWK::getKeyID).toList();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(provider.issuer() + path);
  }

  private static HttpResponse<String> send(String uri) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
        BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return HTTP.send(
        request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(provider.issuer() + path))
        .timeout(Duration.ofSeconds(10));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, UTF_8);
  }
}
