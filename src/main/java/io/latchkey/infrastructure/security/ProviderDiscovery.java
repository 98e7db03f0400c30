package io.latchkey.infrastructure.security;

import io.latchkey.application.ProviderMetadata;
import io.latchkey.application.settings.OpenIdSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Latchkey's own look at the provider's discovery document (the standard mechanism keeps its copy
 * to itself): is the provider reachable and consistent with the configuration, and where is its
 * end_session_endpoint. Results are reused for a minute, so health probes do not become provider
 * traffic.
 */
@ApplicationScoped
public class ProviderDiscovery implements ProviderMetadata {

  private static final Duration REUSE = Duration.ofMinutes(1);

  @Inject OpenIdSettings settings;

  private volatile Result last;
  private volatile String endSessionEndpoint;
  private volatile String jwksUri;
  private volatile String tokenEndpoint;
  private volatile String revocationEndpoint;
  private volatile boolean namesIssuer;

  /** What the last look found; {@code problem} is null when all is well. */
  record Result(Instant at, boolean reachable, String problem) {}

  /** The last result, or a new one when it is older than a minute. */
  Result current() {
    Result result = last;
    return result == null || result.at().plus(REUSE).isBefore(Instant.now()) ? check() : result;
  }

  @Override
  public Optional<String> inconsistency() {
    Result result = current();
    return result.reachable() ? Optional.ofNullable(result.problem()) : Optional.empty();
  }

  @Override
  public Optional<String> lastKnownInconsistency() {
    Result result = last;
    return result != null && result.reachable()
        ? Optional.ofNullable(result.problem())
        : Optional.empty();
  }

  /**
   * The provider's end_session_endpoint, from its discovery document (fetched once if no look was
   * taken yet; a provider without one is not asked again at every sign-out).
   */
  @Override
  public Optional<String> endSessionEndpoint() {
    lookOnce();
    return Optional.ofNullable(endSessionEndpoint);
  }

  @Override
  public Optional<String> tokenEndpoint() {
    if (tokenEndpoint == null && settings.isConfigured()) {
      current();
    }
    return Optional.ofNullable(tokenEndpoint);
  }

  @Override
  public Optional<String> revocationEndpoint() {
    if (tokenEndpoint == null && settings.isConfigured()) {
      current();
    }
    return Optional.ofNullable(revocationEndpoint);
  }

  @Override
  public Optional<String> jwksUri() {
    if (jwksUri == null && settings.isConfigured()) {
      current(); // looks again at most once a minute while the provider is unreachable
    }
    return Optional.ofNullable(jwksUri);
  }

  @Override
  public boolean namesIssuerInAuthorizationResponses() {
    lookOnce();
    return namesIssuer;
  }

  /** The document is looked at once if nobody has yet; later answers reuse what that look found. */
  private void lookOnce() {
    if (last == null && settings.isConfigured()) {
      check();
    }
  }

  Result check() {
    Result result;
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create(settings.getDiscoveryUri()))
                  .timeout(settings.readTimeout())
                  .header("Accept", "application/json")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      result =
          response.statusCode() == 200
              ? new Result(Instant.now(), true, inconsistency(response.body()))
              : new Result(
                  Instant.now(), false, "discovery answered HTTP " + response.statusCode());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = new Result(Instant.now(), false, "interrupted");
    } catch (Exception e) {
      result = new Result(Instant.now(), false, "unreachable: " + e.getClass().getSimpleName());
    }
    last = result;
    return result;
  }

  private String inconsistency(String body) {
    JsonObject document;
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      document = reader.readObject();
    } catch (RuntimeException e) {
      return "the discovery document is not JSON";
    }
    if (!settings.getIssuer().equals(document.getString("issuer", null))) {
      return "the discovery document names issuer " + document.getString("issuer", "(none)");
    }
    for (String endpoint : new String[] {"authorization_endpoint", "token_endpoint", "jwks_uri"}) {
      if (!document.containsKey(endpoint)) {
        return "the discovery document has no " + endpoint;
      }
    }
    endSessionEndpoint = document.getString("end_session_endpoint", null);
    jwksUri = document.getString("jwks_uri", null);
    tokenEndpoint = document.getString("token_endpoint", null);
    revocationEndpoint = document.getString("revocation_endpoint", null);
    namesIssuer = document.get("authorization_response_iss_parameter_supported") == JsonValue.TRUE;
    return null;
  }
}
