package io.latchkey.interfaces.web;

import io.latchkey.application.settings.SecuritySettings;
import io.latchkey.interfaces.web.security.BackChannelLogoutServlet;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Cross-site request forgery protection for every form: a request that changes something must come
 * from a page of Latchkey's own origin ({@code LATCHKEY_BASE_URL}), as the browser states it.
 *
 * <p>The anonymous pages ({@code /login}, {@code /register}, ...) are stateless Faces views, so
 * that viewing them creates no HTTP session; without a session there is no view state to act as a
 * token, and a signed token in a cookie would need a {@code Set-Cookie} on every view. The
 * browser's own word serves instead: every browser in use sends {@code Origin} with a form post
 * (the {@code same-origin} referrer policy keeps it from being {@code null}), and {@code
 * Sec-Fetch-Site} where it knows it. This covers login CSRF too, which a per-session token cannot.
 * The signed-in pages keep their server-side view state as a second token.
 */
@WebFilter(
    filterName = "SameOriginFilter",
    urlPatterns = "/*",
    dispatcherTypes = DispatcherType.REQUEST)
public class SameOriginFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  private static final Logger LOG = Logger.getLogger(SameOriginFilter.class.getName());

  /** The error message the 403 page recognises, to explain itself. */
  public static final String CROSS_SITE = "cross-site";

  @Inject SecuritySettings settings;

  private SameOrigin sameOrigin;

  @Override
  public void init() {
    sameOrigin = new SameOrigin(settings.baseUrl());
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (BackChannelLogoutServlet.PATH.equals(request.getServletPath() + "/")) {
      // The provider's server posts there; its signed logout token is the credential.
      chain.doFilter(request, response);
      return;
    }
    if (sameOrigin.allows(
        request.getMethod(),
        request.getHeader("Origin"),
        request.getHeader("Referer"),
        request.getHeader("Sec-Fetch-Site"))) {
      chain.doFilter(request, response);
      return;
    }
    LOG.fine(
        () -> "Refused a cross-site " + request.getMethod() + " to " + request.getRequestURI());
    response.sendError(HttpServletResponse.SC_FORBIDDEN, CROSS_SITE);
  }
}
