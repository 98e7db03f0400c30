package io.latchkey.interfaces.web.security;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Step 2: the response the standard mechanism writes its redirect to the provider into; the
 * authorization request gets the parameters the mechanism cannot vary per request — {@code
 * prompt=login} and {@code max_age=0} for a re-authentication, and {@code hd} (Google Workspace's
 * hosted-domain hint) when the deployment names one domain.
 *
 * <p>Why here: the mechanism evaluates its {@code prompt} and {@code extraParameters} once per
 * application, so they cannot differ from one request to the next.
 */
final class AuthorizationRedirect extends HttpServletResponseWrapper {

  private final Map<String, String> parameters;

  private AuthorizationRedirect(HttpServletResponse response, Map<String, String> parameters) {
    super(response);
    this.parameters = parameters;
  }

  /** The response unchanged when there is nothing to add. */
  static HttpServletResponse of(
      HttpServletResponse response, boolean freshLogin, String hostedDomainHint) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (freshLogin) {
      parameters.put("prompt", "login");
      parameters.put("max_age", "0");
    }
    if (hostedDomainHint != null) {
      parameters.put("hd", hostedDomainHint);
    }
    return parameters.isEmpty() ? response : new AuthorizationRedirect(response, parameters);
  }

  @Override
  public void sendRedirect(String location) throws IOException {
    super.sendRedirect(withParameters(location, parameters));
  }

  /** The location with these parameters, replacing any of the same name already there. */
  static String withParameters(String location, Map<String, String> parameters) {
    int query = location.indexOf('?');
    StringBuilder rebuilt = new StringBuilder(query < 0 ? location : location.substring(0, query));
    char separator = '?';
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      rebuilt
          .append(separator)
          .append(parameter.getKey())
          .append('=')
          .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
      separator = '&';
    }
    if (query >= 0) {
      for (String pair : location.substring(query + 1).split("&")) {
        String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
        if (!pair.isEmpty() && !parameters.containsKey(name)) {
          rebuilt.append(separator).append(pair);
          separator = '&';
        }
      }
    }
    return rebuilt.toString();
  }
}
