package io.latchkey.testing.clock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The test side of {@link ClockServlet}: {@code ServerClock.advance(baseUrl, minutes(31))}. */
public final class ServerClock {

  private ServerClock() {}

  public static void advance(String baseUrl, Duration by) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(baseUrl).resolve("/test-clock?advance=" + by))
                      // A post from Latchkey's own origin, as SameOriginFilter requires.
                      .header(
                          "Origin",
                          URI.create(baseUrl).resolve("/").toString().replaceAll("/$", ""))
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "the server's clock did not move (HTTP " + response.statusCode() + ")");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
