package io.latchkey.infrastructure.security;

import io.latchkey.application.settings.OpenIdSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The provider's public signing keys, from its JWKS ({@code jwks_uri}), by key id: fetched with the
 * provider-call timeouts, kept for {@link #MAX_AGE}, and fetched again for a key id it does not
 * know (a key rotation) at most every {@link #REFETCH_AFTER}, so that tokens with made-up key ids
 * cannot make Latchkey hammer the provider. RSA and EC (P-256, P-384, P-521) signature keys only.
 */
@ApplicationScoped
public class ProviderKeys {

  static final Duration MAX_AGE = Duration.ofMinutes(10);
  static final Duration REFETCH_AFTER = Duration.ofSeconds(30);
  private static final int MAX_BYTES = 512 * 1024;

  @Inject OpenIdSettings settings;

  private volatile KeySet current = new KeySet(null, Map.of(), Instant.EPOCH, Instant.EPOCH);

  /** The keys of one JWKS URL, when they were fetched, and when they may be fetched again. */
  private record KeySet(
      String url, Map<String, PublicKey> byId, Instant fetchedAt, Instant nextFetchAt) {}

  /** The key with this id (null: the only key), fetching the JWKS when needed. */
  Optional<PublicKey> find(String jwksUrl, String keyId) {
    KeySet keys = current;
    Instant now = Instant.now();
    boolean stale = !jwksUrl.equals(keys.url()) || keys.fetchedAt().plus(MAX_AGE).isBefore(now);
    Optional<PublicKey> known = lookUp(keys, keyId);
    if (!stale && known.isPresent()) {
      return known;
    }
    if (!jwksUrl.equals(keys.url()) || !now.isBefore(keys.nextFetchAt())) {
      keys = fetch(jwksUrl, now);
    }
    return lookUp(keys, keyId);
  }

  private static Optional<PublicKey> lookUp(KeySet keys, String keyId) {
    if (keyId == null) {
      return keys.byId().size() == 1
          ? Optional.of(keys.byId().values().iterator().next())
          : Optional.empty();
    }
    return Optional.ofNullable(keys.byId().get(keyId));
  }

  private synchronized KeySet fetch(String url, Instant now) {
    KeySet keys = current;
    if (url.equals(keys.url()) && now.isBefore(keys.nextFetchAt())) {
      return keys; // another request fetched them (or failed to) meanwhile
    }
    Map<String, PublicKey> byId = new HashMap<>();
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
      HttpResponse<InputStream> response =
          client.send(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(settings.readTimeout())
                  .header("Accept", "application/json")
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      String body;
      try (InputStream in = response.body()) {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (response.statusCode() != 200 || bytes.length > MAX_BYTES) {
          return keep(keys, url, now);
        }
        body = new String(bytes, StandardCharsets.UTF_8);
      }
      JsonObject document;
      try (JsonReader reader = Json.createReader(new StringReader(body))) {
        document = reader.readObject();
      }
      for (JsonValue value : document.getJsonArray("keys")) {
        if (value instanceof JsonObject jwk) {
          String use = jwk.getString("use", "sig");
          String id = jwk.getString("kid", "");
          if ("sig".equals(use)) {
            publicKey(jwk).ifPresent(key -> byId.put(id, key));
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return keep(keys, url, now);
    } catch (IOException | RuntimeException e) {
      return keep(keys, url, now);
    }
    KeySet fetched = new KeySet(url, Map.copyOf(byId), now, now.plus(REFETCH_AFTER));
    current = fetched;
    return fetched;
  }

  /** After a failed fetch: the keys known so far, and no new fetch for {@link #REFETCH_AFTER}. */
  private KeySet keep(KeySet keys, String url, Instant now) {
    boolean same = url.equals(keys.url());
    KeySet kept =
        new KeySet(
            url,
            same ? keys.byId() : Map.of(),
            same ? keys.fetchedAt() : Instant.EPOCH,
            now.plus(REFETCH_AFTER));
    current = kept;
    return kept;
  }

  /** A JWK's public key, for RSA and EC keys; empty for anything else or anything malformed. */
  static Optional<PublicKey> publicKey(JsonObject jwk) {
    try {
      switch (jwk.getString("kty", "")) {
        case "RSA" -> {
          return Optional.of(
              KeyFactory.getInstance("RSA")
                  .generatePublic(
                      new RSAPublicKeySpec(
                          unsigned(jwk.getString("n")), unsigned(jwk.getString("e")))));
        }
        case "EC" -> {
          String curve =
              switch (jwk.getString("crv", "")) {
                case "P-256" -> "secp256r1";
                case "P-384" -> "secp384r1";
                case "P-521" -> "secp521r1";
                default -> null;
              };
          if (curve == null) {
            return Optional.empty();
          }
          AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
          parameters.init(new ECGenParameterSpec(curve));
          ECPoint point = new ECPoint(unsigned(jwk.getString("x")), unsigned(jwk.getString("y")));
          return Optional.of(
              KeyFactory.getInstance("EC")
                  .generatePublic(
                      new ECPublicKeySpec(
                          point, parameters.getParameterSpec(ECParameterSpec.class))));
        }
        default -> {
          return Optional.empty();
        }
      }
    } catch (GeneralSecurityException | RuntimeException malformed) {
      return Optional.empty();
    }
  }

  private static BigInteger unsigned(String base64Url) {
    return new BigInteger(1, Base64.getUrlDecoder().decode(base64Url));
  }
}
