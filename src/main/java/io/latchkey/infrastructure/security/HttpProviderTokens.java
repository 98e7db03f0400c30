package io.latchkey.infrastructure.security;

import io.latchkey.application.ProviderMetadata;
import io.latchkey.application.ProviderTokens;
import io.latchkey.application.settings.OpenIdSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Refresh grants and revocations (RFC 7009) at the provider's endpoints from its discovery
 * document, with the client authentication and the timeouts of the sign-in's own calls, through the
 * JDK's HTTP client. Counted in the operator metrics as the endpoints {@code refresh} and {@code
 * revocation}. Nothing of a request or a response reaches a log or an exception message.
 */
@ApplicationScoped
public class HttpProviderTokens implements ProviderTokens {

  /** A refresh grant's access token lifetime when the provider does not say (RFC 6749 5.1). */
  static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

  @Inject OpenIdSettings settings;
  @Inject ProviderMetadata metadata;

  private HttpClient client;

  @PostConstruct
  void start() {
    client = JdkClients.forProvider(settings);
  }

  @Override
  public Refresh refresh(String refreshToken) {
    Optional<String> endpoint = metadata.tokenEndpoint();
    if (endpoint.isEmpty()) {
      return new Refresh.Unavailable("the provider's token endpoint is not known (discovery)");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken);
    Answer answer = post("refresh", endpoint.get(), form);
    if (answer.failure() != null) {
      return new Refresh.Unavailable(answer.failure());
    }
    JsonObject body = answer.json();
    if (answer.status() == 400
        && body != null
        && "invalid_grant".equals(body.getString("error", ""))) {
      return new Refresh.Refused("invalid_grant");
    }
    if (answer.status() != 200 || body == null) {
      String error = body == null ? "" : " " + errorCode(body);
      return new Refresh.Unavailable("the token endpoint answered HTTP " + answer.status() + error);
    }
    String accessToken = body.getString("access_token", null);
    if (accessToken == null || accessToken.isEmpty()) {
      return new Refresh.Unavailable("the token endpoint's answer has no access_token");
    }
    JsonNumber expiresIn = body.getJsonNumber("expires_in");
    Duration lifetime =
        expiresIn == null
            ? DEFAULT_LIFETIME
            : Duration.ofSeconds(Math.max(0, expiresIn.longValue()));
    String rotated = body.getString("refresh_token", null);
    return new Refresh.Granted(
        accessToken,
        lifetime,
        Optional.ofNullable(rotated)
            .filter(token -> !token.isEmpty() && !token.equals(refreshToken)));
  }

  @Override
  public Revocation revoke(String refreshToken) {
    Optional<String> endpoint = metadata.revocationEndpoint();
    if (endpoint.isEmpty()) {
      return new Revocation.NoEndpoint();
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", refreshToken);
    form.put("token_type_hint", "refresh_token");
    Answer answer = post("revocation", endpoint.get(), form);
    if (answer.failure() != null) {
      return new Revocation.Failed(answer.failure());
    }
    return answer.status() == 200
        ? new Revocation.Revoked()
        : new Revocation.Failed("the revocation endpoint answered HTTP " + answer.status());
  }

  /** An answer: its status and JSON body (null if none), or why there was none. */
  private record Answer(int status, JsonObject json, String failure) {}

  private Answer post(String endpointName, String endpoint, Map<String, String> form) {
    Map<String, String> fields = new LinkedHashMap<>(form);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(endpoint))
            .timeout(settings.readTimeout())
            .header("Accept", "application/json")
            .header("Content-Type", "application/x-www-form-urlencoded");
    if (settings.usesClientSecretBasic()) {
      // RFC 6749 2.3.1: the id and secret are form-encoded before Base64.
      String credentials =
          encode(settings.getClientId()) + ":" + encode(settings.getClientSecret());
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    } else {
      fields.put("client_id", settings.getClientId());
      fields.put("client_secret", settings.getClientSecret());
    }
    String body =
        fields.entrySet().stream()
            .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
            .collect(Collectors.joining("&"));
    long started = System.nanoTime();
    try {
      HttpResponse<String> response =
          client.send(
              request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
              HttpResponse.BodyHandlers.ofString());
      ProviderCalls.record(endpointName, ProviderCalls.outcomeOf(response.statusCode()), started);
      return new Answer(response.statusCode(), json(response.body()), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ProviderCalls.record(endpointName, ProviderCalls.Outcome.FAILED, started);
      return new Answer(0, null, "interrupted");
    } catch (IOException | RuntimeException e) {
      ProviderCalls.record(endpointName, ProviderCalls.Outcome.FAILED, started);
      return new Answer(0, null, "the provider did not answer: " + e.getClass().getSimpleName());
    }
  }

  static JsonObject json(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  /** An OAuth error code as the log may show it: its safe characters, cut short. */
  static String errorCode(JsonObject body) {
    String error = body.getString("error", "").replaceAll("[^A-Za-z0-9_.-]", "");
    return error.length() > 40 ? error.substring(0, 40) : error;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
