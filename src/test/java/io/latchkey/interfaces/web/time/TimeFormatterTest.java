package io.latchkey.interfaces.web.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TimeFormatterTest {

  private static final Instant NOW = Instant.parse("2026-12-01T08:11:14.898395Z");
  private final TimeFormatter formatter = new TimeFormatter(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void recentMomentsAreRelativeInBothLanguages() {
    assertEquals("just now", text(NOW.minusSeconds(20), Locale.ENGLISH));
    assertEquals("1 minute ago", text(NOW.minusSeconds(61), Locale.ENGLISH));
    assertEquals("3 minutes ago", text(NOW.minus(Duration.ofMinutes(3)), Locale.ENGLISH));
    assertEquals("5 hours ago", text(NOW.minus(Duration.ofHours(5)), Locale.ENGLISH));
    assertEquals("in 10 minutes", text(NOW.plus(Duration.ofMinutes(10)), Locale.ENGLISH));
    assertEquals("刚刚", text(NOW.minusSeconds(5), Locale.SIMPLIFIED_CHINESE));
    assertEquals("3 分钟前", text(NOW.minus(Duration.ofMinutes(3)), Locale.SIMPLIFIED_CHINESE));
    assertEquals("5 小时前", text(NOW.minus(Duration.ofHours(5)), Locale.SIMPLIFIED_CHINESE));
  }

  @Test
  void olderMomentsAreAFullLocalizedDateAndTimeInUtc() {
    Instant old = Instant.parse("2026-11-02T15:04:05Z");
    String english = text(old, Locale.ENGLISH);
    assertTrue(english.startsWith("Nov 2, 2026"), english);
    assertTrue(english.endsWith("3:04:05 PM UTC"), english);
    String chinese = text(old, Locale.SIMPLIFIED_CHINESE);
    assertTrue(chinese.startsWith("2026年11月2日"), chinese);
    assertTrue(chinese.contains("3:04:05"), chinese);
    assertTrue(chinese.endsWith("（UTC）"), chinese);
  }

  @Test
  void theExactInstantGoesToDatetimeAndTitleToTheMillisecond() {
    TimeFormatter.FormattedTime time = formatter.format(NOW.minusSeconds(90), Locale.ENGLISH);
    assertEquals("2026-12-01T08:09:44.898Z", time.datetime());
    assertEquals(time.datetime(), time.title());
  }

  private String text(Instant instant, Locale locale) {
    return formatter.format(instant, locale).text();
  }
}
