package io.latchkey.infrastructure.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The one source of "now" for every time window Latchkey enforces: sign-in pauses, link and flow
 * expiry, re-authentication windows, idle and absolute session limits.
 *
 * <p>Injecting a {@link Clock} instead of calling {@code Instant.now()} lets the integration tests
 * move time forward exactly (they deploy an {@code @Alternative} clock beside the packaged WAR)
 * rather than sleeping around a window.
 */
@ApplicationScoped
public class Clocks {

  @Produces
  Clock clock() {
    return Clock.systemUTC();
  }
}
