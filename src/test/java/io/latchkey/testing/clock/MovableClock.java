package io.latchkey.testing.clock;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server's clock in test deployments ({@code Deployments.withMovableClock()}): real time plus
 * an offset that tests move forward through {@link ClockServlet}, so that time windows (sessions,
 * pauses, link expiry, re-authentication) are tested exactly, without sleeping.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 100)
@ApplicationScoped
public class MovableClock extends Clock {

  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.offset(Clock.system(zone), offset.get());
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset.get());
  }

  /** Moves the clock forward; returns the new now. */
  public Instant advance(Duration by) {
    offset.accumulateAndGet(by, Duration::plus);
    return instant();
  }
}
