package io.latchkey.testing;

import java.net.MalformedURLException;
import java.net.URL;

/**
 * Where the Arquillian-managed Payara Micro serves: a port reserved by the build, reached as {@code
 * localhost} (the same as {@code LATCHKEY_BASE_URL} in arquillian.xml, so that the redirect URI
 * registered at the test provider matches).
 */
public final class ItServer {

  private ItServer() {}

  public static String baseUrl() {
    return "http://localhost:" + System.getProperty("latchkey.it.httpPort", "8080");
  }

  public static URL url() {
    try {
      return new URL(baseUrl() + "/");
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }
}
