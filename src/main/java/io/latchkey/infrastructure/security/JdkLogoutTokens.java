package io.latchkey.infrastructure.security;

import io.latchkey.application.LogoutToken;
import io.latchkey.application.LogoutTokenVerifier;
import io.latchkey.application.ProviderMetadata;
import io.latchkey.application.settings.OpenIdSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Verifies back-channel logout tokens as OpenID Connect Back-Channel Logout 1.0 (2.6) requires,
 * with the JDK's own crypto: a JWS signed with one of the provider's keys ({@link ProviderKeys}) by
 * an allowed algorithm ({@code OIDC_ID_TOKEN_ALGORITHMS}: RS, PS or ES with SHA-256/384/512); the
 * configured issuer exactly; the client id among the audiences; issued within the last {@link
 * #MAX_AGE} and not in the future, not expired; the back-channel logout event; a {@code jti};
 * {@code sub} or {@code sid}; and no {@code nonce}, so that an id_token is never taken for one.
 *
 * <p>No JOSE library: the standard mechanism's own (Nimbus, inside the server) is not the
 * application's to use, and a second copy in the WAR would meet it in Weld's proxies on Payara.
 */
@ApplicationScoped
public class JdkLogoutTokens implements LogoutTokenVerifier {

  static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

  /** How old a logout token may be: the provider sends it when the session ends. */
  static final Duration MAX_AGE = Duration.ofMinutes(5);

  static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  /** Tokens longer than this are not parsed at all. */
  private static final int MAX_LENGTH = 16 * 1024;

  /** The JCA signature of each JWS algorithm (RFC 7518 3.1). */
  private static final Map<String, String> SIGNATURES =
      Map.of(
          "RS256", "SHA256withRSA",
          "RS384", "SHA384withRSA",
          "RS512", "SHA512withRSA",
          "PS256", "RSASSA-PSS",
          "PS384", "RSASSA-PSS",
          "PS512", "RSASSA-PSS",
          "ES256", "SHA256withECDSAinP1363Format",
          "ES384", "SHA384withECDSAinP1363Format",
          "ES512", "SHA512withECDSAinP1363Format");

  @Inject OpenIdSettings settings;
  @Inject ProviderMetadata metadata;
  @Inject ProviderKeys keys;
  @Inject Clock clock;

  @Override
  public LogoutToken verify(String token) {
    if (token == null || token.isBlank() || token.length() > MAX_LENGTH) {
      throw invalid("no logout_token, or one too long");
    }
    if (!settings.isConfigured()) {
      throw invalid("no provider is configured");
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[2].isEmpty()) {
      throw invalid("not a signed JWT");
    }
    JsonObject header = json(parts[0], "header");
    String algorithm = header.getString("alg", "");
    if (!settings.allowedAlgorithms().contains(algorithm) || !SIGNATURES.containsKey(algorithm)) {
      throw invalid("algorithm " + algorithm + " is not allowed");
    }
    if (header.containsKey("crit")) {
      throw invalid("critical header parameters are not understood");
    }
    String type = header.getString("typ", "JWT");
    if (!"JWT".equalsIgnoreCase(type) && !"logout+jwt".equalsIgnoreCase(type)) {
      throw invalid("type " + type);
    }
    String jwksUrl =
        metadata.jwksUri().orElseThrow(() -> invalid("the provider's keys are unknown"));
    PublicKey key =
        keys.find(jwksUrl, header.getString("kid", null))
            .orElseThrow(() -> invalid("signed with a key the provider does not publish"));
    if (!signatureHolds(algorithm, key, parts)) {
      throw invalid("the signature does not hold");
    }
    return checked(json(parts[1], "claims"));
  }

  private LogoutToken checked(JsonObject claims) {
    if (!settings.getIssuer().equals(string(claims, "iss"))) {
      throw invalid("issuer " + string(claims, "iss"));
    }
    if (!audiences(claims.get("aud")).contains(settings.getClientId())) {
      throw invalid("not for this client");
    }
    Instant now = clock.instant();
    Instant issuedAt = instant(claims, "iat");
    if (issuedAt == null) {
      throw invalid("no iat");
    }
    if (issuedAt.isAfter(now.plus(CLOCK_SKEW))) {
      throw invalid("issued in the future");
    }
    if (issuedAt.isBefore(now.minus(MAX_AGE).minus(CLOCK_SKEW))) {
      throw invalid("issued more than " + MAX_AGE + " ago");
    }
    Instant expiresAt = instant(claims, "exp");
    if (expiresAt != null && expiresAt.plus(CLOCK_SKEW).isBefore(now)) {
      throw invalid("expired");
    }
    JsonValue events = claims.get("events");
    if (!(events instanceof JsonObject named) || !(named.get(EVENT) instanceof JsonObject)) {
      throw invalid("no back-channel logout event");
    }
    if (claims.containsKey("nonce")) {
      throw invalid("a nonce (an id_token?)");
    }
    String subject = string(claims, "sub");
    String sid = string(claims, "sid");
    if (subject == null && sid == null) {
      throw invalid("neither sub nor sid");
    }
    String jti = string(claims, "jti");
    if (jti == null) {
      throw invalid("no jti");
    }
    return new LogoutToken(
        settings.getIssuer(),
        subject,
        sid,
        jti,
        issuedAt.plus(MAX_AGE).plus(CLOCK_SKEW.multipliedBy(2)));
  }

  private static boolean signatureHolds(String algorithm, PublicKey key, String[] parts) {
    try {
      Signature signature = Signature.getInstance(SIGNATURES.get(algorithm));
      if (algorithm.startsWith("PS")) {
        String hash = "SHA-" + algorithm.substring(2);
        int saltLength = Integer.parseInt(algorithm.substring(2)) / 8;
        signature.setParameter(
            new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength, 1));
      }
      signature.initVerify(key);
      signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
    } catch (GeneralSecurityException | IllegalArgumentException wrongKindOfKeyOrMalformed) {
      return false;
    }
  }

  private static JsonObject json(String part, String what) {
    try (JsonReader reader =
        Json.createReader(
            new StringReader(
                new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8)))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      throw invalid("the " + what + " is not a JSON object");
    }
  }

  private static java.util.Set<String> audiences(JsonValue aud) {
    if (aud instanceof JsonString one) {
      return java.util.Set.of(one.getString());
    }
    if (aud instanceof JsonArray many) {
      return many.stream()
          .filter(JsonString.class::isInstance)
          .map(value -> ((JsonString) value).getString())
          .collect(java.util.stream.Collectors.toSet());
    }
    return java.util.Set.of();
  }

  private static String string(JsonObject claims, String name) {
    return claims.get(name) instanceof JsonString value && !value.getString().isBlank()
        ? value.getString()
        : null;
  }

  private static Instant instant(JsonObject claims, String name) {
    return claims.get(name) instanceof JsonNumber seconds
        ? Instant.ofEpochSecond(seconds.longValue())
        : null;
  }

  private static InvalidLogoutTokenException invalid(String reason) {
    return new InvalidLogoutTokenException(reason);
  }
}
