package io.latchkey.interfaces.web.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * A moment as people read it: relative while it is recent ("3 minutes ago", "3 分钟前"), the full
 * localized date and time (UTC) otherwise, and always the exact instant for a {@code <time
 * datetime>} attribute and its tooltip.
 *
 * <p>Relative texts read better but age: a page left open says "2 minutes ago" for an hour. So they
 * are used only within a day, where the exact instant in the tooltip settles any doubt. The server
 * does not know the reader's time zone (the pages run no script), so full dates are in UTC and say
 * so. The texts come from the pages' bundle ({@code time.*} keys).
 *
 * <p>Usage: {@code formatter.format(instant, locale).text()}; in pages {@code <lk:time
 * value="#{account.createdAt()}"/>}.
 */
@ApplicationScoped
public class TimeFormatter {

  static final String BUNDLE = "io.latchkey.interfaces.web.messages";

  /** Until this age a moment is told relative to now. */
  static final Duration RELATIVE_FOR = Duration.ofHours(24);

  private Clock clock;

  protected TimeFormatter() {}

  @Inject
  public TimeFormatter(Clock clock) {
    this.clock = clock;
  }

  /** What a page shows for {@code instant}, in {@code locale}. */
  public FormattedTime format(Instant instant, Locale locale) {
    ResourceBundle texts = ResourceBundle.getBundle(BUNDLE, locale);
    Instant exact = instant.truncatedTo(ChronoUnit.MILLIS);
    String iso = DateTimeFormatter.ISO_INSTANT.format(exact);
    return new FormattedTime(text(instant, locale, texts), iso, iso);
  }

  private String text(Instant instant, Locale locale, ResourceBundle texts) {
    Duration age = Duration.between(instant, clock.instant());
    boolean future = age.isNegative();
    Duration distance = age.abs();
    if (distance.compareTo(RELATIVE_FOR) >= 0) {
      return MessageFormat.format(
          texts.getString("time.full"),
          DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
              .withLocale(locale)
              .withZone(ZoneOffset.UTC)
              .format(instant));
    }
    if (distance.toSeconds() < 60) {
      return texts.getString("time.now");
    }
    String unit = distance.toMinutes() < 60 ? "minutes" : "hours";
    long amount = distance.toMinutes() < 60 ? distance.toMinutes() : distance.toHours();
    return new MessageFormat(texts.getString("time." + unit + (future ? ".ahead" : ".ago")), locale)
        .format(new Object[] {amount});
  }

  /**
   * @param text what the reader sees
   * @param datetime the exact instant, for the {@code datetime} attribute (ISO 8601, UTC)
   * @param title the tooltip: the same exact instant
   */
  public record FormattedTime(String text, String datetime, String title) {}
}
