package io.latchkey.infrastructure.security;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Tells operators early that the configured OpenID provider is unreachable or inconsistent: once at
 * startup (in the background, so deployment does not wait) and on {@code /health}.
 *
 * <p>An issuer whose discovery document names another issuer, or lacks an endpoint, is a
 * configuration error: the check is DOWN. An unreachable provider is reported (UP, {@code
 * reachable: false}) but does not take the instance out of service: password sign-in still works.
 * Results are reused for a minute, so health probes do not become provider traffic.
 */
@Readiness
@ApplicationScoped
public class OpenIdProviderCheck implements HealthCheck {

  private static final Logger LOG = Logger.getLogger(OpenIdProviderCheck.class.getName());
  private static final Duration REUSE = Duration.ofMinutes(1);

  @Inject OpenIdSettings settings;

  @Resource ManagedExecutorService executor;

  private volatile Result last;

  private record Result(Instant at, boolean reachable, String problem) {}

  void checkAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
    if (!settings.isConfigured()) {
      LOG.info("OpenID provider sign-in is not configured (OIDC_CLIENT_ID / OIDC_CLIENT_SECRET)");
      return;
    }
    executor.execute(
        () -> {
          Result result = check();
          if (result.problem() != null) {
            LOG.warning(() -> "OpenID provider " + settings.getIssuer() + ": " + result.problem());
          } else {
            LOG.info(() -> "OpenID provider " + settings.getIssuer() + " answers as configured");
          }
        });
  }

  @Override
  public HealthCheckResponse call() {
    if (!settings.isConfigured()) {
      return HealthCheckResponse.named("openid-provider")
          .up()
          .withData("configured", false)
          .build();
    }
    Result result = last;
    if (result == null || result.at().plus(REUSE).isBefore(Instant.now())) {
      result = check();
    }
    boolean consistent = !result.reachable() || result.problem() == null;
    var response =
        HealthCheckResponse.named("openid-provider")
            .status(consistent)
            .withData("issuer", settings.getIssuer())
            .withData("reachable", result.reachable());
    if (result.problem() != null) {
      response.withData("problem", result.problem());
    }
    return response.build();
  }

  private Result check() {
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
    return null;
  }
}
