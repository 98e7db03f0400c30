package io.latchkey.interfaces.web.security;

import io.latchkey.application.settings.SecuritySettings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * The request as the OpenID mechanism sees it: its URL is built from {@code LATCHKEY_BASE_URL}, not
 * from the Host header, so that the mechanism recognises the callback behind a reverse proxy and a
 * forged Host header cannot change it.
 */
final class ConfiguredUrlRequest extends HttpServletRequestWrapper {

  private final String baseUrl;

  ConfiguredUrlRequest(HttpServletRequest request, SecuritySettings settings) {
    super(request);
    this.baseUrl = settings.baseUrl().toString();
  }

  @Override
  public StringBuffer getRequestURL() {
    String path = getRequestURI().substring(getContextPath().length());
    return new StringBuffer(baseUrl).append(path);
  }
}
