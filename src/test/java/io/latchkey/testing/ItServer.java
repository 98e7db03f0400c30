package io.latchkey.testing;

import java.net.MalformedURLException;
import java.net.URL;

/**
 * Where the Arquillian-managed server (Payara Micro or WildFly) serves: a port reserved by the
 * build, reached as {@code localhost} (the same as {@code LATCHKEY_BASE_URL} in arquillian.xml, so
 * that the redirect URI registered at the test provider matches).
 */
public final class ItServer {

  private ItServer() {}

  public static String baseUrl() {
    return "http://localhost:" + System.getProperty("latchkey.it.httpPort", "8080");
  }

  /**
   * Where the server answers MicroProfile Health: beside the WAR on Payara Micro, on the management
   * port on WildFly (Failsafe's {@code latchkey.it.healthUrl}).
   */
  public static String healthUrl() {
    return System.getProperty("latchkey.it.healthUrl", baseUrl() + "/health");
  }

  /** {@link #url()} for the managed server however the adapter names it; any other URL as it is. */
  public static URL asConfigured(URL url) {
    boolean managed =
        String.valueOf(url.getPort()).equals(System.getProperty("latchkey.it.httpPort", "8080"))
            && (url.getHost().equals("127.0.0.1") || url.getHost().equals("localhost"));
    return managed ? url() : url;
  }

  public static URL url() {
    try {
      return new URL(baseUrl() + "/");
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }
}
