package io.latchkey.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code limit} events per client address in a fixed one-minute window, in memory. The map
 * of windows is swept of finished ones when it grows past 100,000 addresses, so a flood from many
 * addresses costs bounded memory.
 */
public final class PerAddressLimit {

  private static final Duration WINDOW = Duration.ofMinutes(1);
  private static final int MAX_TRACKED_ADDRESSES = 100_000;

  private final Clock clock;
  private final int limit;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  public PerAddressLimit(Clock clock, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a per-address limit must be at least 1");
    }
    this.clock = clock;
    this.limit = limit;
  }

  /** One event from this address; false when the address used up its events this minute. */
  public boolean tryAcquire(String clientAddress) {
    Instant now = clock.instant();
    if (windows.size() > MAX_TRACKED_ADDRESSES) {
      windows.values().removeIf(window -> window.isOver(now));
    }
    String key = clientAddress == null ? "" : clientAddress;
    Window window =
        windows.compute(key, (k, old) -> old == null || old.isOver(now) ? new Window(now) : old);
    return window.count.incrementAndGet() <= limit;
  }

  private static final class Window {
    private final Instant start;
    private final AtomicInteger count = new AtomicInteger();

    private Window(Instant start) {
      this.start = start;
    }

    private boolean isOver(Instant now) {
      return !start.plus(WINDOW).isAfter(now);
    }
  }
}
