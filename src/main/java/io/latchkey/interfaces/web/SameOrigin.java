package io.latchkey.interfaces.web;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a request may change state: safe methods always may; anything else only when the
 * browser says it comes from {@code origin}. {@code Sec-Fetch-Site}, when sent, must be {@code
 * same-origin}; {@code Origin}, when sent, must be exactly this origin; without {@code Origin}, the
 * {@code Referer} must be of this origin; with neither, the request is refused.
 */
final class SameOrigin {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private final String origin;

  SameOrigin(URI baseUrl) {
    this.origin = originOf(baseUrl);
  }

  boolean allows(String method, String originHeader, String referer, String fetchSite) {
    if (SAFE_METHODS.contains(method)) {
      return true;
    }
    if (fetchSite != null && !fetchSite.equals("same-origin")) {
      return false;
    }
    if (originHeader != null) {
      return origin.equals(originHeader.toLowerCase(Locale.ROOT));
    }
    if (referer != null) {
      try {
        return origin.equals(originOf(URI.create(referer)));
      } catch (IllegalArgumentException notAUri) {
        return false;
      }
    }
    return false;
  }

  /** scheme://host[:port], lower case, the default port left out, as browsers serialize it. */
  static String originOf(URI uri) {
    String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
    String host = String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || (scheme.equals("http") && port == 80)
            || (scheme.equals("https") && port == 443);
    return scheme + "://" + host + (defaultPort ? "" : ":" + port);
  }
}
