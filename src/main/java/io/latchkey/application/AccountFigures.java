package io.latchkey.application;

import io.latchkey.domain.AccountStatistics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The dashboard's account figures, read at most once per {@code LATCHKEY_DASHBOARD_FIGURES_SECONDS}
 * (60 by default) on each instance: counting a million accounts walks an index, which is fine once
 * a minute and not on every view of the console's first page. The sign-in figures beside them come
 * from the per-day counters and are always current.
 */
@ApplicationScoped
public class AccountFigures {

  /** What the dashboard shows of the accounts, and when it was read. */
  public record Figures(
      long total, long activeLast7Days, long activeLast30Days, long disabled, Instant readAt) {}

  private AccountStatistics statistics;
  private Clock clock;
  private Duration maxAge;
  private volatile Figures last;

  protected AccountFigures() {}

  @Inject
  AccountFigures(
      AccountStatistics statistics,
      Clock clock,
      @ConfigProperty(name = "LATCHKEY_DASHBOARD_FIGURES_SECONDS", defaultValue = "60")
          int maxAgeSeconds) {
    this.statistics = statistics;
    this.clock = clock;
    this.maxAge = Duration.ofSeconds(Math.max(0, maxAgeSeconds));
  }

  /** The figures, at most the configured age old. */
  public Figures current() {
    Instant now = clock.instant();
    Figures known = last;
    if (known != null && known.readAt().plus(maxAge).isAfter(now)) {
      return known;
    }
    Figures read =
        new Figures(
            statistics.total(),
            statistics.signedInSince(now.minus(Duration.ofDays(7))),
            statistics.signedInSince(now.minus(Duration.ofDays(30))),
            statistics.disabled(),
            now);
    last = read;
    return read;
  }
}
