package io.latchkey.interfaces.web.security;

import io.latchkey.application.BackChannelLogouts;
import io.latchkey.application.settings.OpenIdSettings;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /backchannel-logout/{provider}}: the provider's server tells Latchkey that a session
 * at the provider ended (OpenID Connect Back-Channel Logout 1.0). Register this URL as the client's
 * back-channel logout URI. The form's {@code logout_token} is the only credential: no cookie, no
 * session, and no origin check (it is not a browser's form).
 *
 * <p>Answers: 200 when the sessions it names have ended; 400 with {@code invalid_request} for
 * anything that is not a valid, fresh, first-seen logout token (nothing changes); 404 for another
 * provider id; 503 when the database cannot act on it now. Always {@code Cache-Control: no-store}.
 */
@WebServlet(name = "BackChannelLogout", urlPatterns = BackChannelLogoutServlet.PATH + "*")
public class BackChannelLogoutServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** The path below the context root, before the provider id. */
  public static final String PATH = "/backchannel-logout/";

  @Inject transient BackChannelLogouts logouts;
  @Inject transient OpenIdSettings openId;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Cache-Control", "no-store");
    String provider = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
    if (!openId.isConfigured() || !openId.getProviderId().equals(provider)) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    String token;
    try {
      token = request.getParameter("logout_token");
    } catch (RuntimeException unreadableBody) {
      token = null;
    }
    switch (logouts.receive(token, request.getRemoteAddr())) {
      case DONE -> response.setStatus(HttpServletResponse.SC_OK);
      case INVALID -> {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"invalid_request\"}");
      }
      case UNAVAILABLE -> response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    }
  }
}
