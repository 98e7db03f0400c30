package io.latchkey.interfaces.web.operator;

import io.latchkey.application.OperatorMetrics;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /operator/metrics}: the {@link OperatorMetrics} in Prometheus' text format, for a
 * scraper that sends {@code Authorization: Bearer <LATCHKEY_METRICS_TOKEN>}.
 *
 * <ul>
 *   <li>No token configured (the default), or one shorter than 32 characters: the endpoint does not
 *       exist (404), so nothing about the instance is public.
 *   <li>A missing or wrong token: 401 with {@code WWW-Authenticate: Bearer}, and no numbers. The
 *       token is compared in constant time (as SHA-256 digests, so its length does not show
 *       either).
 * </ul>
 *
 * A user's session opens nothing here: an admin of the console is not an operator of the server.
 */
@WebServlet("/operator/metrics")
public class MetricsServlet extends HttpServlet {

  private static final Logger LOG = Logger.getLogger(MetricsServlet.class.getName());
  private static final long serialVersionUID = 1L;
  private static final int MIN_TOKEN_LENGTH = 32;
  private static final String BEARER = "Bearer ";

  @Inject transient OperatorMetrics metrics;

  @Inject
  @ConfigProperty(name = "LATCHKEY_METRICS_TOKEN")
  transient Optional<String> token;

  private byte[] tokenDigest;

  @Override
  public void init() {
    Optional<String> configured = token.map(String::strip).filter(t -> !t.isEmpty());
    if (configured.isPresent() && configured.get().length() < MIN_TOKEN_LENGTH) {
      LOG.warning(
          "LATCHKEY_METRICS_TOKEN is shorter than "
              + MIN_TOKEN_LENGTH
              + " characters: /operator/metrics stays off");
      configured = Optional.empty();
    }
    tokenDigest = configured.map(MetricsServlet::digest).orElse(null);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (tokenDigest == null) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    String authorization = request.getHeader("Authorization");
    boolean authorized =
        authorization != null
            && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
            && MessageDigest.isEqual(
                tokenDigest, digest(authorization.substring(BEARER.length()).strip()));
    if (!authorized) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"latchkey-metrics\"");
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
    response.setContentType("text/plain; version=0.0.4; charset=utf-8");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static byte[] digest(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
