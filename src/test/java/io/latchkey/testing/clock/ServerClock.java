package io.latchkey.testing.clock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The test side of {@link ClockServlet} and {@link SessionExpiryServlet}: {@code
 * ServerClock.advance(baseUrl, minutes(31))}, then {@code ServerClock.expireSessions(baseUrl)}.
 */
public final class ServerClock {

  private ServerClock() {}

  public static void advance(String baseUrl, Duration by) {
    post(baseUrl, "/test-clock?advance=" + by, "the server's clock did not move");
  }

  /** Runs the session records' periodic expiry now; returns how many records it removed. */
  public static int expireSessions(String baseUrl) {
    return Integer.parseInt(
        post(baseUrl, "/test-session-expiry", "the session records did not expire").trim());
  }

  private static String post(String baseUrl, String path, String failure) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(baseUrl).resolve(path))
                      // A post from Latchkey's own origin, as SameOriginFilter requires.
                      .header(
                          "Origin",
                          URI.create(baseUrl).resolve("/").toString().replaceAll("/$", ""))
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(failure + " (HTTP " + response.statusCode() + ")");
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
