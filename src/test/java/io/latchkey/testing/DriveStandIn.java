package io.latchkey.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the Drive API in front of a real provider: {@code GET /drive/v3/files} answers a
 * fixed list of files to a bearer token that the provider's userinfo endpoint accepts, and 401 to
 * any other (or to a token {@link #rejectTokensSeenSoFar() rejected} by the test, as if it had
 * expired). It binds to 127.0.0.1.
 */
public final class DriveStandIn implements AutoCloseable {

  private static final String FILES =
      "{\"files\":[{\"id\":\"f1\",\"name\":\"Quarterly plan.docx\","
          + "\"modifiedTime\":\"2026-11-30T10:15:00.000Z\","
          + "\"webViewLink\":\"https://drive.example.test/file/d/f1/view\"},"
          + "{\"id\":\"f2\",\"name\":\"Budget.xlsx\",\"modifiedTime\":\"2026-11-29T08:00:00.000Z\","
          + "\"webViewLink\":\"https://drive.example.test/file/d/f2/view\"}]}";

  private final HttpServer server;
  private final URI userinfo;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final Set<String> rejected = ConcurrentHashMap.newKeySet();

  private DriveStandIn(String userinfo) throws IOException {
    this.userinfo = URI.create(userinfo);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/drive/v3/files", this::files);
    server.start();
  }

  /** Starts one that checks tokens at this userinfo endpoint. */
  public static DriveStandIn start(String userinfo) {
    try {
      return new DriveStandIn(userinfo);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://localhost:PORT}: the API base URL to configure. */
  public String baseUrl() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  /** The distinct bearer tokens presented so far, in order. */
  public List<String> tokensSeen() {
    return List.copyOf(seen);
  }

  /** From now on, every token presented so far is answered 401, as if it had expired. */
  public void rejectTokensSeenSoFar() {
    rejected.addAll(seen);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void files(HttpExchange exchange) throws IOException {
    try (exchange) {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      String token =
          authorization != null && authorization.startsWith("Bearer ")
              ? authorization.substring(7).trim()
              : "";
      if (!token.isEmpty() && !seen.contains(token)) {
        seen.add(token);
      }
      if (token.isEmpty() || rejected.contains(token) || !acceptedByProvider(token)) {
        send(exchange, 401, "{\"error\":{\"code\":401,\"message\":\"Invalid Credentials\"}}");
        return;
      }
      send(exchange, 200, FILES);
    }
  }

  private boolean acceptedByProvider(String token) {
    try {
      return client
              .send(
                  HttpRequest.newBuilder(userinfo)
                      .header("Authorization", "Bearer " + token)
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
