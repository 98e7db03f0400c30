package io.latchkey.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One read of the managed server's {@code /operator/metrics}, as a scraper does it, and the values
 * of its series. The token is the one {@code latchkey.it.appOptions} configures.
 */
public final class OperatorMetricsScrape {

  public static final String TOKEN = "it-metrics-token-not-used-anywhere-else-0123456789";
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

  private final int status;
  private final String body;

  private OperatorMetricsScrape(int status, String body) {
    this.status = status;
    this.body = body;
  }

  /** A scrape with this Authorization header ({@code null}: none). */
  public static OperatorMetricsScrape read(String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(ItServer.baseUrl() + "/operator/metrics"))
            .timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new OperatorMetricsScrape(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A scrape with the configured token. */
  public static OperatorMetricsScrape read() {
    OperatorMetricsScrape scrape = read("Bearer " + TOKEN);
    if (scrape.status != 200) {
      throw new AssertionError("metrics answered " + scrape.status + ": " + scrape.body);
    }
    return scrape;
  }

  public int status() {
    return status;
  }

  public String body() {
    return body;
  }

  /** The sum of the series of this name that carry all these labels (0 when there is none). */
  public double value(String name, String... labelPairs) {
    Map<String, String> wanted = new HashMap<>();
    for (int i = 0; i < labelPairs.length; i += 2) {
      wanted.put(labelPairs[i], labelPairs[i + 1]);
    }
    double sum = 0;
    for (String line : body.split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (line.startsWith("#") || !sample.find() || !sample.group(1).equals(name)) {
        continue;
      }
      Map<String, String> labels = new HashMap<>();
      Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
      while (label.find()) {
        labels.put(label.group(1), label.group(2));
      }
      if (labels.entrySet().containsAll(wanted.entrySet())) {
        sum += Double.parseDouble(sample.group(3));
      }
    }
    return sum;
  }
}
