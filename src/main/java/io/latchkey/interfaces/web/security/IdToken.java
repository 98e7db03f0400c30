package io.latchkey.interfaces.web.security;

import io.latchkey.application.settings.OpenIdSettings;
import io.latchkey.domain.IdentityKey;
import io.latchkey.domain.ProviderIdentity;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Step 6: the id_token checks the standard mechanism lacks, made on a token it has already
 * validated (signature for signed tokens, expiry with one minute of clock skew, nonce, audience).
 *
 * <p>It accepts unsigned ({@code alg=none}) tokens and HMAC tokens keyed with the client secret,
 * and it compares the issuer with the discovery document rather than with what Latchkey was told to
 * trust. So: the algorithm must be on the allow-list, {@code iss} must equal the configured issuer
 * exactly, {@code aud} must contain the client id and no audience the client does not trust, {@code
 * azp} (when present) must equal the client id, and {@code sub} must be present.
 */
final class IdToken {

  /** A provider's clock and ours may differ this much when comparing {@code auth_time}. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  /**
   * Made once: {@code Json.createReader} looks the JSON provider up through the service loader on
   * every call (every jar's {@code META-INF/services} read again), 2% of a sign-in's CPU.
   */
  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  private final JsonObject header;
  private final JsonObject claims;

  private IdToken(JsonObject header, JsonObject claims) {
    this.header = header;
    this.claims = claims;
  }

  /** Reads a compact JWT's header and claims; nothing is verified here. */
  static IdToken parse(String compact) {
    String[] parts = compact == null ? new String[0] : compact.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("the id_token is not a compact JWT");
    }
    return new IdToken(json(parts[0]), json(parts[1]));
  }

  /**
   * What a provider's tokens must say.
   *
   * @param algorithms the signature algorithms allowed (never none or HMAC: the settings refuse
   *     them)
   * @param issuer the issuer exactly as configured
   * @param clientId Latchkey's client id at the provider
   * @param trustedAudiences audiences besides the client id that a token may also name
   * @param hostedDomains when not empty, the token's {@code hd} claim (Google Workspace) must be
   *     one of these
   */
  record Expected(
      Set<String> algorithms,
      String issuer,
      String clientId,
      Set<String> trustedAudiences,
      Set<String> hostedDomains) {

    static Expected of(OpenIdSettings settings) {
      return new Expected(
          settings.allowedAlgorithms(),
          settings.getIssuer(),
          settings.getClientId(),
          settings.trustedAudiences(),
          settings.hostedDomains());
    }
  }

  /** The first check this token fails, as a reason for the log; empty when it passes them all. */
  Optional<String> problemWith(Expected expected) {
    String algorithm = header.getString("alg", "none");
    if (!expected.algorithms().contains(algorithm)) {
      return Optional.of("id_token algorithm " + algorithm + " is not allowed");
    }
    if (!expected.issuer().equals(string("iss"))) {
      return Optional.of("id_token issuer " + string("iss") + " is not the configured issuer");
    }
    List<String> audiences = audiences();
    if (!audiences.contains(expected.clientId())) {
      return Optional.of("id_token audience does not contain the client id");
    }
    // OpenID Core 3.1.3.7: a token for other audiences too is refused unless the client trusts
    // them.
    Optional<String> untrusted =
        audiences.stream()
            .filter(a -> !a.equals(expected.clientId()) && !expected.trustedAudiences().contains(a))
            .findFirst();
    if (untrusted.isPresent()) {
      return Optional.of("id_token names an untrusted audience " + untrusted.get());
    }
    String authorizedParty = string("azp");
    if (authorizedParty != null && !authorizedParty.equals(expected.clientId())) {
      return Optional.of("id_token azp " + authorizedParty + " is not the client id");
    }
    String subject = string("sub");
    if (subject == null || subject.isBlank() || subject.length() > 255) {
      return Optional.of("id_token has no usable sub");
    }
    // The hd request parameter is only a hint to the provider's page: the claim decides.
    String hostedDomain = string("hd");
    if (!expected.hostedDomains().isEmpty()
        && (hostedDomain == null || !expected.hostedDomains().contains(hostedDomain))) {
      return Optional.of("id_token hd " + hostedDomain + " is not an allowed hosted domain");
    }
    return Optional.empty();
  }

  /** The identity the token asserts; call only after {@link #problemWith} found nothing. */
  ProviderIdentity identity() {
    return identityWithProfile(claims);
  }

  /**
   * Whether the token carries the person's email itself; if not, the provider keeps the profile
   * claims at its userinfo endpoint (OpenID Core 5.4 allows either).
   */
  boolean carriesEmail() {
    return claims.containsKey("email");
  }

  /**
   * The identity the token asserts, with {@code email}, {@code email_verified}, {@code name} and
   * {@code picture} taken from the provider's userinfo response, used exactly as the token's would
   * be; empty when the response is about another {@code sub} (OpenID Core 5.3.2).
   */
  Optional<ProviderIdentity> identityWithProfileFrom(JsonObject userinfo) {
    return string("sub").equals(string(userinfo, "sub"))
        ? Optional.of(identityWithProfile(userinfo))
        : Optional.empty();
  }

  private ProviderIdentity identityWithProfile(JsonObject profile) {
    return new ProviderIdentity(
        new IdentityKey(string("iss"), string("sub")),
        string(profile, "email"),
        isTrue(profile, "email_verified"),
        string(profile, "name"),
        string(profile, "picture"));
  }

  /**
   * Whether the person authenticated at the provider at or after {@code requestedAt} (less {@link
   * #CLOCK_SKEW}), by the token's {@code auth_time}. A re-authentication asks for {@code
   * max_age=0}, to which OpenID Core requires an {@code auth_time}: a token without one is not
   * fresh.
   */
  boolean isFreshSince(Instant requestedAt) {
    return claims.get("auth_time") instanceof JsonNumber seconds
        && !Instant.ofEpochSecond(seconds.longValue()).isBefore(requestedAt.minus(CLOCK_SKEW));
  }

  private List<String> audiences() {
    JsonValue audience = claims.get("aud");
    if (audience instanceof JsonString single) {
      return List.of(single.getString());
    }
    if (audience instanceof JsonArray many) {
      return many.stream()
          .filter(JsonString.class::isInstance)
          .map(value -> ((JsonString) value).getString())
          .toList();
    }
    return List.of();
  }

  private String string(String claim) {
    return string(claims, claim);
  }

  private static String string(JsonObject claims, String claim) {
    return claims.get(claim) instanceof JsonString value ? value.getString() : null;
  }

  /** {@code email_verified} is a boolean in the spec; some providers send the string "true". */
  private static boolean isTrue(JsonObject claims, String claim) {
    JsonValue value = claims.get(claim);
    return value == JsonValue.TRUE
        || (value instanceof JsonString text && "true".equalsIgnoreCase(text.getString()));
  }

  private static JsonObject json(String base64Url) {
    byte[] decoded;
    try {
      decoded = Base64.getUrlDecoder().decode(base64Url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the id_token is not base64url", e);
    }
    try (JsonReader reader =
        READERS.createReader(new StringReader(new String(decoded, StandardCharsets.UTF_8)))) {
      return reader.readObject();
    }
  }
}
