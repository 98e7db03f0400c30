package io.latchkey.infrastructure.security;

import io.latchkey.domain.ExternalProfile;
import io.latchkey.domain.ExternalSubject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Step 6: the id_token checks the standard mechanism lacks, made on a token it has already
 * validated (signature for signed tokens, expiry with one minute of clock skew, nonce, audience).
 *
 * <p>It accepts unsigned ({@code alg=none}) tokens and HMAC tokens keyed with the client secret,
 * and it compares the issuer with the discovery document rather than with what Latchkey was told to
 * trust. So: the algorithm must be on the allow-list, {@code iss} must equal the configured issuer
 * exactly, {@code aud} must contain the client id, {@code azp} (when present) must equal it, and
 * {@code sub} must be present.
 */
final class IdToken {

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

  /** The first check this token fails, as a reason for the log; empty when it passes them all. */
  Optional<String> problemWith(OpenIdSettings settings) {
    String algorithm = header.getString("alg", "none");
    if (!settings.allowedAlgorithms().contains(algorithm)) {
      return Optional.of("id_token algorithm " + algorithm + " is not allowed");
    }
    if (!settings.getIssuer().equals(string("iss"))) {
      return Optional.of("id_token issuer " + string("iss") + " is not the configured issuer");
    }
    if (!audiences().contains(settings.getClientId())) {
      return Optional.of("id_token audience does not contain the client id");
    }
    String authorizedParty = string("azp");
    if (authorizedParty != null && !authorizedParty.equals(settings.getClientId())) {
      return Optional.of("id_token azp " + authorizedParty + " is not the client id");
    }
    String subject = string("sub");
    if (subject == null || subject.isBlank() || subject.length() > 255) {
      return Optional.of("id_token has no usable sub");
    }
    return Optional.empty();
  }

  /** Who the token says the person is; call only after {@link #problemWith} found nothing. */
  ExternalProfile profile() {
    return new ExternalProfile(
        new ExternalSubject(string("iss"), string("sub")),
        string("email"),
        isTrue("email_verified"),
        string("name"),
        string("picture"));
  }

  /** When the person last authenticated at the provider ({@code auth_time}), if the token says. */
  Optional<java.time.Instant> authTime() {
    return claims.get("auth_time") instanceof jakarta.json.JsonNumber seconds
        ? Optional.of(java.time.Instant.ofEpochSecond(seconds.longValue()))
        : Optional.empty();
  }

  private java.util.List<String> audiences() {
    JsonValue audience = claims.get("aud");
    if (audience instanceof JsonString single) {
      return java.util.List.of(single.getString());
    }
    if (audience instanceof JsonArray many) {
      return many.stream()
          .filter(JsonString.class::isInstance)
          .map(value -> ((JsonString) value).getString())
          .toList();
    }
    return java.util.List.of();
  }

  private String string(String claim) {
    return claims.get(claim) instanceof JsonString value ? value.getString() : null;
  }

  /** {@code email_verified} is a boolean in the spec; some providers send the string "true". */
  private boolean isTrue(String claim) {
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
        Json.createReader(new StringReader(new String(decoded, StandardCharsets.UTF_8)))) {
      return reader.readObject();
    }
  }
}
