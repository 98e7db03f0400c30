package io.latchkey.infrastructure.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.latchkey.application.LogoutToken;
import io.latchkey.application.LogoutTokenVerifier;
import io.latchkey.application.ProviderMetadata;
import io.latchkey.application.settings.OpenIdSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Verifies back-channel logout tokens as OpenID Connect Back-Channel Logout 1.0 (2.6) requires:
 * signed with one of the provider's keys (its JWKS, cached, fetched again for an unknown key id at
 * most every 30 seconds) by an allowed algorithm; the configured issuer exactly; the client id
 * among the audiences; issued within the last {@link #MAX_AGE} (and not in the future); the
 * back-channel logout event; a {@code jti}; {@code sub} or {@code sid}; and no {@code nonce}, so
 * that an id_token is never taken for a logout token.
 */
@ApplicationScoped
public class NimbusLogoutTokens implements LogoutTokenVerifier {

  static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

  /** How old a logout token may be: the provider sends it when the session ends. */
  static final Duration MAX_AGE = Duration.ofMinutes(5);

  static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  /** Tokens longer than this are not parsed at all. */
  private static final int MAX_LENGTH = 16 * 1024;

  private static final int MAX_JWKS_BYTES = 512 * 1024;

  @Inject OpenIdSettings settings;
  @Inject ProviderMetadata metadata;
  @Inject Clock clock;

  private volatile Keys keys;

  /** The provider's key source, for one JWKS URL. */
  private record Keys(String url, JWKSource<SecurityContext> source) {}

  @Override
  public LogoutToken verify(String token) {
    if (token == null || token.isBlank() || token.length() > MAX_LENGTH) {
      throw new InvalidLogoutTokenException("no logout_token, or one too long");
    }
    if (!settings.isConfigured()) {
      throw new InvalidLogoutTokenException("no provider is configured");
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      throw new InvalidLogoutTokenException("not a signed JWT");
    }
    String algorithm = jwt.getHeader().getAlgorithm().getName();
    if (!settings.allowedAlgorithms().contains(algorithm)) {
      throw new InvalidLogoutTokenException("algorithm " + algorithm + " is not allowed");
    }
    JWTClaimsSet claims = checkedClaims(jwt, JWSAlgorithm.parse(algorithm));
    Instant issuedAt = claims.getIssueTime().toInstant();
    Instant now = clock.instant();
    if (issuedAt.isAfter(now.plus(CLOCK_SKEW))) {
      throw new InvalidLogoutTokenException("issued in the future");
    }
    if (issuedAt.isBefore(now.minus(MAX_AGE).minus(CLOCK_SKEW))) {
      throw new InvalidLogoutTokenException("issued more than " + MAX_AGE + " ago");
    }
    Object event;
    try {
      Map<String, Object> events = claims.getJSONObjectClaim("events");
      event = events == null ? null : events.get(EVENT);
    } catch (ParseException e) {
      event = null;
    }
    if (!(event instanceof Map)) {
      throw new InvalidLogoutTokenException("no back-channel logout event");
    }
    String subject = claims.getSubject();
    String sid = stringClaim(claims, "sid");
    if (blank(subject) && blank(sid)) {
      throw new InvalidLogoutTokenException("neither sub nor sid");
    }
    String jti = claims.getJWTID();
    if (blank(jti)) {
      throw new InvalidLogoutTokenException("no jti");
    }
    return new LogoutToken(
        claims.getIssuer(),
        blank(subject) ? null : subject,
        blank(sid) ? null : sid,
        jti,
        issuedAt.plus(MAX_AGE).plus(CLOCK_SKEW.multipliedBy(2)));
  }

  private JWTClaimsSet checkedClaims(SignedJWT jwt, JWSAlgorithm algorithm) {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    // "logout+jwt" is the type the specification recommends; many providers send JWT or none.
    processor.setJWSTypeVerifier(
        new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, new JOSEObjectType("logout+jwt"), null));
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithm, keys().source()));
    DefaultJWTClaimsVerifier<SecurityContext> verifier =
        new DefaultJWTClaimsVerifier<>(
            Set.of(settings.getClientId()),
            new JWTClaimsSet.Builder().issuer(settings.getIssuer()).build(),
            Set.of("iss", "aud", "iat", "jti", "events"),
            Set.of("nonce"));
    verifier.setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
    processor.setJWTClaimsSetVerifier(verifier);
    try {
      return processor.process(jwt, null);
    } catch (BadJOSEException | JOSEException e) {
      throw new InvalidLogoutTokenException(e.getMessage());
    } catch (RuntimeException e) {
      // The key source wraps a provider that cannot be reached.
      throw new InvalidLogoutTokenException("the provider's keys: " + e.getClass().getSimpleName());
    }
  }

  private Keys keys() {
    String url =
        metadata
            .jwksUri()
            .orElseThrow(() -> new InvalidLogoutTokenException("the provider's keys are unknown"));
    Keys current = keys;
    if (current != null && current.url().equals(url)) {
      return current;
    }
    try {
      JWKSource<SecurityContext> source =
          JWKSourceBuilder.<SecurityContext>create(
                  URI.create(url).toURL(),
                  new DefaultResourceRetriever(
                      settings.getJwksConnectTimeoutMillis(),
                      settings.getJwksReadTimeoutMillis(),
                      MAX_JWKS_BYTES))
              .build();
      current = new Keys(url, source);
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new InvalidLogoutTokenException("the provider's jwks_uri is not a URL");
    }
    keys = current;
    return current;
  }

  private static String stringClaim(JWTClaimsSet claims, String name) {
    try {
      return claims.getStringClaim(name);
    } catch (ParseException notAString) {
      return null;
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
