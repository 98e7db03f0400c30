package io.latchkey.interfaces.web.security;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * The response the OpenID mechanism writes its redirect to the provider into, when the user must
 * authenticate again: the authorization request gets {@code prompt=login} and {@code max_age=0}.
 *
 * <p>Why here: the mechanism evaluates its {@code prompt} setting once per application, so it
 * cannot differ from one request to the next.
 */
final class FreshLoginResponse extends HttpServletResponseWrapper {

  FreshLoginResponse(HttpServletResponse response) {
    super(response);
  }

  @Override
  public void sendRedirect(String location) throws IOException {
    super.sendRedirect(withFreshLogin(location));
  }

  static String withFreshLogin(String location) {
    int query = location.indexOf('?');
    String base = query < 0 ? location : location.substring(0, query);
    StringBuilder rebuilt = new StringBuilder(base).append("?prompt=login&max_age=0");
    if (query >= 0) {
      for (String parameter : location.substring(query + 1).split("&")) {
        if (!parameter.isEmpty()
            && !parameter.startsWith("prompt=")
            && !parameter.startsWith("max_age=")) {
          rebuilt.append('&').append(parameter);
        }
      }
    }
    return rebuilt.toString();
  }
}
