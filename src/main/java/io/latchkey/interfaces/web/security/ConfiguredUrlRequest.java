package io.latchkey.interfaces.web.security;

import io.latchkey.application.settings.SecuritySettings;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

/**
 * The request as the OpenID mechanism sees it: its URL is built from {@code LATCHKEY_BASE_URL}, not
 * from the Host header, so that the mechanism recognises the callback behind a reverse proxy and a
 * forged Host header cannot change it.
 */
class ConfiguredUrlRequest extends HttpServletRequestWrapper {

  private final String baseUrl;

  private ConfiguredUrlRequest(HttpServletRequest request, SecuritySettings settings) {
    super(request);
    this.baseUrl = settings.baseUrl().toString();
  }

  /** Step 4: the callback, with its query (code and state) for the mechanism to read. */
  static HttpServletRequest callback(HttpServletRequest request, SecuritySettings settings) {
    return new ConfiguredUrlRequest(request, settings);
  }

  /**
   * Step 2: the start, as the path alone. The mechanism keeps the request it starts from in the
   * session until the callback (URL, query, parameters, headers and cookies); Latchkey has read
   * what it needs of them already, so none of what the client sent is kept for 10 minutes.
   */
  static HttpServletRequest start(HttpServletRequest request, SecuritySettings settings) {
    return new PathOnly(request, settings);
  }

  @Override
  public StringBuffer getRequestURL() {
    String path = getRequestURI().substring(getContextPath().length());
    return new StringBuffer(baseUrl).append(path);
  }

  private static final class PathOnly extends ConfiguredUrlRequest {

    private PathOnly(HttpServletRequest request, SecuritySettings settings) {
      super(request, settings);
    }

    @Override
    public String getQueryString() {
      return null;
    }

    @Override
    public String getParameter(String name) {
      return null;
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return Map.of();
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.emptyEnumeration();
    }

    @Override
    public String[] getParameterValues(String name) {
      return null;
    }

    @Override
    public Cookie[] getCookies() {
      return null;
    }

    @Override
    public String getHeader(String name) {
      return null;
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return Collections.emptyEnumeration();
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      return Collections.emptyEnumeration();
    }
  }
}
