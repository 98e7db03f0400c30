package io.latchkey.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.domain.AccountStatistics;
import io.latchkey.testing.clock.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccountFiguresTest {

  private final MovableClock clock = new MovableClock();
  private final CountingStatistics statistics = new CountingStatistics();

  @Test
  void theFiguresAreReadOncePerMinuteAndThenAgain() {
    AccountFigures figures = new AccountFigures(statistics, clock, 60);
    assertEquals(1_000_000, figures.current().total());
    statistics.total = 1_000_001;
    clock.advance(Duration.ofSeconds(59));
    assertEquals(1_000_000, figures.current().total(), "within the minute");
    assertEquals(1, statistics.reads);

    clock.advance(Duration.ofSeconds(2));
    assertEquals(1_000_001, figures.current().total(), "after it");
    assertEquals(2, statistics.reads);
  }

  @Test
  void aMaximumAgeOfZeroReadsOnEveryView() {
    AccountFigures figures = new AccountFigures(statistics, clock, 0);
    figures.current();
    figures.current();
    assertEquals(2, statistics.reads);
  }

  /** The figures as the database would count them; counts whole readings. */
  private static final class CountingStatistics implements AccountStatistics {
    private long total = 1_000_000;
    private int reads;

    @Override
    public long total() {
      reads++;
      return total;
    }

    @Override
    public long signedInSince(Instant since) {
      return 200_000;
    }

    @Override
    public long disabled() {
      return 12;
    }
  }
}
