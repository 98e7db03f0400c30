package io.latchkey.testing.clock;

import io.latchkey.application.SessionRecords;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /test-session-expiry} does now what {@code SessionRecordExpiry}'s timer does every
 * five minutes, and answers how many records went: a test that moved the clock need not wait for
 * the timer. Only in test deployments, beside {@link ClockServlet}.
 */
@WebServlet("/test-session-expiry")
public class SessionExpiryServlet extends HttpServlet {

  @Inject SessionRecords records;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    int removed = records.removeExpired();
    response.setContentType("text/plain");
    response.getWriter().write(String.valueOf(removed));
  }
}
