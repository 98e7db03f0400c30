package io.latchkey.benchmark;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's results: one row per measurement with its target, printed as a table and written
 * as JSON ({@code target/bench/results.json}).
 */
final class Report {

  /** A goal from the issue: the measured value compared with {@code operator} to {@code value}. */
  record Target(String operator, double value) {

    static Target atMost(double value) {
      return new Target("<=", value);
    }

    static Target atLeast(double value) {
      return new Target(">=", value);
    }

    static Target exactly(double value) {
      return new Target("=", value);
    }

    boolean isMetBy(double measured) {
      return switch (operator) {
        case "<=" -> measured <= value;
        case ">=" -> measured >= value;
        default -> measured == value;
      };
    }

    @Override
    public String toString() {
      String symbol =
          switch (operator) {
            case "<=" -> "≤ ";
            case ">=" -> "≥ ";
            default -> "= ";
          };
      return symbol + format(value);
    }
  }

  /**
   * One measurement.
   *
   * @param item the issue's item number (1–7), 0 for context
   * @param name what was measured
   * @param value the value, or null when it could not be measured
   * @param unit its unit
   * @param target the goal, or null
   * @param note how it was measured, or why it is missing
   */
  record Metric(int item, String name, Double value, String unit, Target target, String note) {

    /** Whether the target is met; null without a target or a value. */
    Boolean met() {
      return target == null || value == null ? null : target.isMetBy(value);
    }
  }

  private final List<Metric> metrics = new ArrayList<>();
  private final Instant started = Instant.now();

  void add(int item, String name, double value, String unit, Target target, String note) {
    metrics.add(new Metric(item, name, Double.isFinite(value) ? value : null, unit, target, note));
  }

  void add(int item, String name, double value, String unit, String note) {
    add(item, name, value, unit, null, note);
  }

  void missing(int item, String name, String unit, Target target, String why) {
    metrics.add(new Metric(item, name, null, unit, target, why));
  }

  /**
   * The measurements by item, 1 to 7, then the context (item 0); in order of measurement within.
   */
  List<Metric> metrics() {
    return metrics.stream()
        .sorted(Comparator.comparingInt(metric -> metric.item() == 0 ? 8 : metric.item()))
        .toList();
  }

  void print(PrintStream out) {
    String row = "%-2s %-62s %12s %-9s %-10s %-4s%n";
    out.println();
    out.printf(row, "#", "Measurement", "Value", "Unit", "Target", "Met");
    out.println("-".repeat(105));
    for (Metric metric : metrics()) {
      out.printf(
          row,
          metric.item() == 0 ? "" : metric.item(),
          metric.name(),
          metric.value() == null ? "n/a" : format(metric.value()),
          metric.unit(),
          metric.target() == null ? "" : metric.target(),
          metric.met() == null ? "n.a." : metric.met() ? "yes" : "NO");
    }
    out.println("-".repeat(105));
    out.println("Notes:");
    for (Metric metric : metrics()) {
      if (metric.note() != null && !metric.note().isEmpty()) {
        out.println("  " + metric.name() + ": " + metric.note());
      }
    }
    out.println();
  }

  void writeJson(Path file, Map<String, String> context) throws IOException {
    Files.createDirectories(file.getParent());
    JsonObjectBuilder environment = Json.createObjectBuilder();
    context.forEach(environment::add);
    JsonArrayBuilder rows = Json.createArrayBuilder();
    for (Metric metric : metrics()) {
      JsonObjectBuilder row =
          Json.createObjectBuilder().add("item", metric.item()).add("name", metric.name());
      if (metric.value() == null) {
        row.addNull("value");
      } else {
        row.add("value", metric.value());
      }
      row.add("unit", metric.unit());
      if (metric.target() == null) {
        row.addNull("target");
      } else {
        row.add(
            "target",
            Json.createObjectBuilder()
                .add("operator", metric.target().operator())
                .add("value", metric.target().value()));
      }
      if (metric.met() == null) {
        row.addNull("met");
      } else {
        row.add("met", metric.met());
      }
      row.add("note", metric.note() == null ? "" : metric.note());
      rows.add(row);
    }
    JsonObject document =
        Json.createObjectBuilder()
            .add("timestamp", started.toString())
            .add("durationSeconds", Duration.between(started, Instant.now()).toSeconds())
            .add("javaVersion", System.getProperty("java.version"))
            .add("javaVendor", System.getProperty("java.vendor"))
            .add("cores", Runtime.getRuntime().availableProcessors())
            .add("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
            .add("environment", environment)
            .add("metrics", rows)
            .build();
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        JsonWriter json =
            Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createWriter(writer)) {
      json.write(document);
    }
  }

  static String format(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    double magnitude = Math.abs(value);
    if (value == Math.rint(value) && magnitude < 1e15) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (magnitude < 10) {
      return String.format(Locale.ROOT, "%.3f", value);
    }
    if (magnitude < 1000) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%,.0f", value);
  }
}
