package io.latchkey.testing.clock;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * {@code POST /test-clock?advance=PT31M} moves the test deployment's {@link MovableClock} and
 * answers the server's new now. Only in test deployments; the real WAR has no such URL.
 */
@WebServlet("/test-clock")
public class ClockServlet extends HttpServlet {

  @Inject MovableClock clock;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String now = clock.advance(Duration.parse(request.getParameter("advance"))).toString();
    response.setContentType("text/plain");
    response.getWriter().write(now);
  }
}
