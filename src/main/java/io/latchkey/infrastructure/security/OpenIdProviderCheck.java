package io.latchkey.infrastructure.security;

import io.latchkey.application.settings.OpenIdSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
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
 */
@Readiness
@ApplicationScoped
public class OpenIdProviderCheck implements HealthCheck {

  private static final Logger LOG = Logger.getLogger(OpenIdProviderCheck.class.getName());

  @Inject OpenIdSettings settings;
  @Inject ProviderDiscovery discovery;

  @Resource ManagedExecutorService executor;

  void checkAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
    if (!settings.isConfigured()) {
      LOG.info("OpenID provider sign-in is not configured (OIDC_CLIENT_ID / OIDC_CLIENT_SECRET)");
      return;
    }
    executor.execute(
        () -> {
          ProviderDiscovery.Result result = discovery.check();
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
    ProviderDiscovery.Result result = discovery.current();
    boolean consistent = !result.reachable() || result.problem() == null;
    if (result.problem() != null) {
      // The detail is for operators, in the log; /health is public and says only up or down.
      LOG.warning(() -> "OpenID provider " + settings.getIssuer() + ": " + result.problem());
    }
    return HealthCheckResponse.named("openid-provider")
        .status(consistent)
        .withData("reachable", result.reachable())
        .withData("consistent", consistent)
        .build();
  }
}
