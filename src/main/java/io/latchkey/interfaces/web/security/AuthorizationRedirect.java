package io.latchkey.interfaces.web.security;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Step 2: the response the standard mechanism writes its redirect to the provider into; the
 * authorization request gets the parameters the mechanism cannot vary per request — {@code
 * prompt=login} and {@code max_age=0} for a re-authentication, {@code hd} (Google Workspace's
 * hosted-domain hint) when the deployment names one domain, the PKCE challenge of this flow, and
 * for a connect flow its own {@code scope} with the offline-access parameters ({@link
 * ProviderStart}).
 *
 * <p>A connect flow's scopes go here and never into the mechanism's configuration: the mechanism
 * refuses at startup any configured scope that the discovery document's {@code scopes_supported}
 * does not list, and Google's lists only {@code openid}, {@code email} and {@code profile}.
 *
 * <p>Why here: the mechanism evaluates its {@code prompt} and {@code extraParameters} once per
 * application, so they cannot differ from one request to the next.
 */
final class AuthorizationRedirect extends HttpServletResponseWrapper {

  private final Map<String, String> parameters;
  private final UnaryOperator<String> challengeForState;

  private AuthorizationRedirect(
      HttpServletResponse response,
      Map<String, String> parameters,
      UnaryOperator<String> challengeForState) {
    super(response);
    this.parameters = parameters;
    this.challengeForState = challengeForState;
  }

  /**
   * The response with these parameters added to (or replacing those of the same name in) the
   * authorization request; unchanged when there is nothing to add.
   *
   * @param challengeForState with PKCE: gives the S256 challenge for the flow of a state (the
   *     mechanism's state is known only once it redirects); null without PKCE
   */
  static HttpServletResponse of(
      HttpServletResponse response,
      Map<String, String> parameters,
      UnaryOperator<String> challengeForState) {
    return parameters.isEmpty() && challengeForState == null
        ? response
        : new AuthorizationRedirect(response, parameters, challengeForState);
  }

  @Override
  public void sendRedirect(String location) throws IOException {
    Map<String, String> added = new LinkedHashMap<>(parameters);
    String state = parameter(location, "state");
    if (challengeForState != null && state != null) {
      added.put("code_challenge", challengeForState.apply(state));
      added.put("code_challenge_method", "S256");
    }
    super.sendRedirect(withParameters(location, added));
  }

  /** The first value of a query parameter of {@code location}, decoded; null when absent. */
  static String parameter(String location, String name) {
    int query = location.indexOf('?');
    if (query < 0) {
      return null;
    }
    for (String pair : location.substring(query + 1).split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).equals(name)) {
        return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
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
