package io.latchkey.interfaces.web.admin;

import io.latchkey.application.Dashboard;
import io.latchkey.domain.SignInCounts.SignInDayCount;
import io.latchkey.domain.SignInTally;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dashboard's chart of sign-ins per day as plain geometry, for a server-side SVG (no script, no
 * inline style: colours come from the stylesheet by series class): one stacked bar per day, one
 * segment per method and outcome; the same numbers as table rows for the text alternative; and the
 * failed or refused attempts by reason.
 *
 * <p>Coordinates are whole pixels in a {@value #WIDTH}×{@value #HEIGHT} view box; the plot sits
 * inside the margins left for the axis labels.
 */
public final class SignInChart {

  public static final int WIDTH = 720;
  public static final int HEIGHT = 260;
  static final int LEFT = 48;
  static final int RIGHT = 8;
  static final int TOP = 12;
  static final int BOTTOM = 28;

  /** Series classes the stylesheet colours ({@code series-0} …); more series reuse them. */
  static final int PALETTE = 8;

  /** A method and an outcome; {@code index} picks its colour. */
  public record Series(String method, SignInTally.Outcome outcome, int index) {
    public String cssClass() {
      return "series-" + (index % PALETTE);
    }
  }

  public record Segment(Series series, long count, int x, int y, int width, int height) {}

  /**
   * @param labelled whether the axis shows this bar's day (every fifth, and the last)
   */
  public record Bar(
      LocalDate day, long total, int x, int labelX, boolean labelled, List<Segment> segments) {}

  /** A horizontal grid line with its value. */
  public record Tick(long value, int y) {}

  /** One day of the table: a count per series, in the order of {@link #series()}. */
  public record Row(LocalDate day, List<Long> counts, long total) {}

  public record Reason(String reason, long count) {}

  private final List<Series> series;
  private final List<Bar> bars;
  private final List<Tick> ticks;
  private final List<Row> rows;
  private final List<Reason> failures;
  private final long total;

  private SignInChart(
      List<Series> series,
      List<Bar> bars,
      List<Tick> ticks,
      List<Row> rows,
      List<Reason> failures,
      long total) {
    this.series = series;
    this.bars = bars;
    this.ticks = ticks;
    this.rows = rows;
    this.failures = failures;
    this.total = total;
  }

  public static SignInChart of(Dashboard dashboard) {
    Map<String, Series> series = new LinkedHashMap<>();
    Map<LocalDate, Map<Series, Long>> perDay = new TreeMap<>();
    Map<String, Long> reasons = new LinkedHashMap<>();
    List<SignInDayCount> counts = new ArrayList<>(dashboard.signIns());
    counts.sort(
        Comparator.comparing((SignInDayCount c) -> !SignInTally.PASSWORD.equals(c.tally().method()))
            .thenComparing(c -> c.tally().method())
            .thenComparing(c -> c.tally().outcome()));
    long total = 0;
    for (SignInDayCount count : counts) {
      String key = count.tally().method() + "\n" + count.tally().outcome();
      Series s =
          series.computeIfAbsent(
              key, k -> new Series(count.tally().method(), count.tally().outcome(), series.size()));
      perDay
          .computeIfAbsent(count.day(), d -> new LinkedHashMap<>())
          .merge(s, count.attempts(), Long::sum);
      if (count.tally().outcome() != SignInTally.Outcome.SUCCEEDED) {
        reasons.merge(count.tally().reason(), count.attempts(), Long::sum);
      }
      total += count.attempts();
    }
    List<Series> ordered = List.copyOf(series.values());
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate day = dashboard.from(); !day.isAfter(dashboard.to()); day = day.plusDays(1)) {
      days.add(day);
    }
    long max = 0;
    for (Map<Series, Long> day : perDay.values()) {
      max = Math.max(max, day.values().stream().mapToLong(Long::longValue).sum());
    }
    long scale = niceCeiling(max);
    int plotHeight = HEIGHT - TOP - BOTTOM;
    int slot = (WIDTH - LEFT - RIGHT) / Math.max(1, days.size());
    int barWidth = Math.max(2, slot * 3 / 4);

    List<Bar> bars = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < days.size(); i++) {
      LocalDate day = days.get(i);
      Map<Series, Long> byseries = perDay.getOrDefault(day, Map.of());
      int x = LEFT + i * slot + (slot - barWidth) / 2;
      int base = TOP + plotHeight;
      List<Segment> segments = new ArrayList<>();
      List<Long> row = new ArrayList<>();
      long dayTotal = 0;
      for (Series s : ordered) {
        long n = byseries.getOrDefault(s, 0L);
        row.add(n);
        dayTotal += n;
        if (n > 0) {
          int height = (int) Math.max(1, Math.round((double) n * plotHeight / scale));
          base -= height;
          segments.add(new Segment(s, n, x, base, barWidth, height));
        }
      }
      boolean labelled = i % 5 == 0 || i == days.size() - 1;
      bars.add(new Bar(day, dayTotal, x, x + barWidth / 2, labelled, segments));
      rows.add(new Row(day, row, dayTotal));
    }
    List<Tick> ticks = new ArrayList<>();
    for (int step = 0; step <= 4; step++) {
      long value = scale * step / 4;
      ticks.add(new Tick(value, TOP + plotHeight - (int) (plotHeight * step / 4)));
    }
    List<Reason> failures = new ArrayList<>();
    reasons.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> failures.add(new Reason(e.getKey(), e.getValue())));
    return new SignInChart(ordered, bars, ticks, rows, failures, total);
  }

  /**
   * The smallest of 4, 8, 20, 40, 80, 200 … (divisible into four grid steps) at least {@code n}.
   */
  static long niceCeiling(long n) {
    long magnitude = 1;
    while (true) {
      for (long step : new long[] {4, 8, 20}) {
        if (step * magnitude >= n) {
          return step * magnitude;
        }
      }
      magnitude *= 10;
    }
  }

  public List<Series> series() {
    return series;
  }

  public List<Bar> bars() {
    return bars;
  }

  public List<Tick> ticks() {
    return ticks;
  }

  /** The table's rows, newest day first (the chart runs oldest to newest, left to right). */
  public List<Row> rows() {
    List<Row> newestFirst = new ArrayList<>(rows);
    java.util.Collections.reverse(newestFirst);
    return newestFirst;
  }

  public List<Reason> failures() {
    return failures;
  }

  /** Every attempt counted in the period. */
  public long total() {
    return total;
  }

  public int plotLeft() {
    return LEFT;
  }

  public int plotRight() {
    return WIDTH - RIGHT;
  }

  public int plotBottom() {
    return HEIGHT - BOTTOM;
  }

  public int labelY() {
    return HEIGHT - BOTTOM + 18;
  }

  public String viewBox() {
    return "0 0 " + WIDTH + " " + HEIGHT;
  }
}
