package io.latchkey.testing.fakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock for unit tests: stands still at its start until the test moves it (thread-safe). */
public final class SteppingClock extends Clock {

  private final AtomicReference<Instant> now;

  public SteppingClock(Instant start) {
    now = new AtomicReference<>(start);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  public void advance(Duration by) {
    now.updateAndGet(instant -> instant.plus(by));
  }
}
