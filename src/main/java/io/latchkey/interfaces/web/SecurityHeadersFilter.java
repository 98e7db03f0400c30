package io.latchkey.interfaces.web;

import io.latchkey.application.settings.OpenIdSettings;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers every response carries: a Content-Security-Policy that allows no inline script or style
 * (the pages have none) and no framing, no referrer to other sites (a same-origin one, so that form
 * posts carry a real {@code Origin}; see {@link SameOriginFilter}), no content sniffing; and {@code
 * no-store} for everything but static resources, since pages show personal data and carry form
 * tokens.
 */
@WebFilter(
    filterName = "SecurityHeadersFilter",
    urlPatterns = "/*",
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class SecurityHeadersFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject OpenIdSettings openId;

  private String contentSecurityPolicy;

  /**
   * Forms post to Latchkey only; with logout at the provider, the sign-out form's redirect goes on
   * to the provider, which browsers check against {@code form-action} too.
   */
  @Override
  public void init() {
    contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; form-action 'self'"
            + (openId.isLogoutAtProvider() ? " " + openId.issuerOrigin() : "")
            + "; frame-ancestors 'none'; base-uri 'none'";
  }

  private static final String RESOURCES = "/jakarta.faces.resource/";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("Content-Security-Policy", contentSecurityPolicy);
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    if (!request.getRequestURI().startsWith(request.getContextPath() + RESOURCES)) {
      response.setHeader("Cache-Control", "no-store");
    }
    chain.doFilter(request, response);
  }
}
