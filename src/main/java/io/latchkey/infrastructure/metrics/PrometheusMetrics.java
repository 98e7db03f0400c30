package io.latchkey.infrastructure.metrics;

import io.latchkey.application.OperatorMetrics;
import io.latchkey.application.settings.OpenIdSettings;
import io.latchkey.domain.SignInTally;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link OperatorMetrics} kept by Micrometer and written in Prometheus' format: one registry per
 * instance, in memory, nothing sent anywhere (a scraper reads it from the operator endpoint).
 *
 * <ul>
 *   <li>{@code latchkey_sign_ins_total{method,outcome,reason}}: every sign-in attempt the audit
 *       trail recorded, counted once its transaction committed (the dashboard's numbers, live).
 *   <li>{@code latchkey_sign_in_seconds{method,outcome}}: how long this server took to answer a
 *       sign-in request (the callback or the password form), with buckets for alerting.
 *   <li>{@code latchkey_provider_call_seconds{endpoint,outcome}}: each call to the provider by the
 *       standard mechanism's client; outcome {@code ok}, {@code error} (an HTTP error status) or
 *       {@code failed} (no answer: refused, timed out).
 *   <li>{@code latchkey_throttled_total{limit}}: attempts a limit refused.
 *   <li>{@code latchkey_sessions} and {@code latchkey_sessions_signed_in}: HTTP sessions on this
 *       instance, and those signed in.
 *   <li>the JVM's memory, garbage collection, threads, CPU and uptime.
 * </ul>
 */
@ApplicationScoped
public class PrometheusMetrics implements OperatorMetrics {

  private static final Duration[] SIGN_IN_BUCKETS = {
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  @Inject OpenIdSettings settings;

  private PrometheusMeterRegistry registry;
  private final AtomicLong sessions = new AtomicLong();
  private final AtomicLong signedInSessions = new AtomicLong();
  private JvmGcMetrics garbageCollection;

  @PostConstruct
  void start() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    garbageCollection = new JvmGcMetrics();
    garbageCollection.bindTo(registry);
    Gauge.builder("latchkey.sessions", sessions, AtomicLong::get)
        .description("HTTP sessions on this instance")
        .register(registry);
    Gauge.builder("latchkey.sessions.signed.in", signedInSessions, AtomicLong::get)
        .description("Signed-in HTTP sessions on this instance")
        .register(registry);
  }

  /** The GC listeners belong to the JVM: without this, a redeployed WAR would stay in memory. */
  @PreDestroy
  void close() {
    garbageCollection.close();
    registry.close();
  }

  /** A sign-in entry of the audit trail, once it is committed (not for a rolled-back attempt). */
  void counted(@Observes(during = TransactionPhase.AFTER_SUCCESS) SignInTally tally) {
    Counter.builder("latchkey.sign.ins")
        .description("Sign-in attempts by method, outcome and reason, as audited")
        .tag("method", methodOf(tally.method()))
        .tag("outcome", tally.outcome().name().toLowerCase(Locale.ROOT))
        .tag("reason", tally.reason().isEmpty() ? "none" : tally.reason())
        .register(registry)
        .increment();
  }

  @Override
  public void signInAnswered(String method, boolean signedIn, Duration took) {
    Timer.builder("latchkey.sign.in")
        .description("Time this server took to answer a sign-in request")
        .tag("method", method)
        .tag("outcome", signedIn ? "signed-in" : "not-signed-in")
        .serviceLevelObjectives(SIGN_IN_BUCKETS)
        .register(registry)
        .record(took);
  }

  /** One call to the provider: its endpoint kind, how it ended and how long it took. */
  public void providerCall(String endpoint, String outcome, Duration took) {
    Timer.builder("latchkey.provider.call")
        .description("Calls to the OpenID provider by endpoint and outcome")
        .tag("endpoint", endpoint)
        .tag("outcome", outcome)
        .serviceLevelObjectives(SIGN_IN_BUCKETS)
        .register(registry)
        .record(took);
  }

  @Override
  public void throttled(Limit limit) {
    Counter.builder("latchkey.throttled")
        .description("Attempts refused by a limit")
        .tag("limit", limit.name().toLowerCase(Locale.ROOT).replace('_', '-'))
        .register(registry)
        .increment();
  }

  @Override
  public void sessionsChanged(int all, int signedIn) {
    sessions.addAndGet(all);
    signedInSessions.addAndGet(signedIn);
  }

  @Override
  public String scrape() {
    return registry.scrape();
  }

  /** The provider's id for its issuer; anything else is "provider", so labels stay few. */
  private String methodOf(String tallied) {
    if (SignInTally.PASSWORD.equals(tallied)) {
      return PASSWORD;
    }
    return settings.isConfigured() && settings.getIssuer().equals(tallied)
        ? settings.getProviderId()
        : SignInTally.UNKNOWN_PROVIDER;
  }
}
