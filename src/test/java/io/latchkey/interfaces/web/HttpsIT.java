package io.latchkey.interfaces.web;

import static io.latchkey.testing.Flows.PASSWORD;
import static io.latchkey.testing.Flows.assertAt;
import static io.latchkey.testing.Flows.register;
import static io.latchkey.testing.Flows.signIn;
import static io.latchkey.testing.Flows.uniqueEmail;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.testing.Browser;
import io.latchkey.testing.PayaraProcess;
import io.latchkey.testing.TestDatabase;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Latchkey served over https (Payara Micro's own listener with its self-signed certificate, bound
 * to loopback): every cookie it sets is {@code Secure}, {@code HttpOnly} and {@code SameSite=Lax}.
 */
@ExtendWith(TestDatabase.class)
class HttpsIT {

  @RegisterExtension Browser browser = new Browser().trustingAnyCertificate();

  @Test
  void overHttpsEveryCookieIsSecure() throws IOException {
    Path buildDir = Path.of(System.getProperty("latchkey.buildDir", "target"));
    Path serverConfig = Files.createDirectories(buildDir.resolve("https-server-config"));
    Path shipped = Path.of(System.getProperty("latchkey.serverConfig", "server-config"));
    Files.copy(
        shipped.resolve("hazelcast.xml"),
        serverConfig.resolve("hazelcast.xml"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(
        serverConfig.resolve("pre-boot-commands.asadmin"),
        Files.readString(shipped.resolve("pre-boot-commands.asadmin"))
            + "\nset configs.config.server-config.network-config.network-listeners"
            + ".network-listener.https-listener.address=127.0.0.1\n");
    int httpPort = PayaraProcess.freePort();
    int httpsPort = PayaraProcess.freePort();
    String baseUrl = "https://localhost:" + httpsPort;
    Map<String, String> environment =
        Map.of(
            "LATCHKEY_BASE_URL",
            baseUrl,
            "LATCHKEY_DB_URL",
            System.getProperty("latchkey.it.dbUrl"));
    try (PayaraProcess server =
        PayaraProcess.start(
            new PayaraProcess.Launch(
                buildDir.resolve("payara-micro.jar"),
                serverConfig,
                buildDir.resolve("latchkey.war"),
                httpPort,
                List.of("-Xmx512m"),
                buildDir,
                buildDir.resolve("payara-https-" + httpsPort + ".log")),
            environment,
            List.of("--sslport", String.valueOf(httpsPort)))) {
      browser.at(new URL(baseUrl + "/"));
      String email = uniqueEmail();
      register(browser, email, "Over Https");
      HtmlPage account = signIn(browser, email, PASSWORD);
      assertAt(account, "/account");
      browser.submit(account, "language", Map.of(), "zh");

      // Latchkey's cookies: the session's and the language's. (Over https Payara adds a cookie of
      // its own, "csfcfc", Secure and HttpOnly but without SameSite; it is the server's.)
      List<String> cookies =
          browser.setCookieHeaders().stream()
              .filter(c -> c.startsWith("JSESSIONID=") || c.startsWith("latchkey-lang="))
              .toList();
      assertTrue(cookies.stream().anyMatch(c -> c.startsWith("JSESSIONID=")), cookies.toString());
      assertTrue(
          cookies.stream().anyMatch(c -> c.startsWith("latchkey-lang=")), cookies.toString());
      for (String cookie : cookies) {
        String lower = cookie.toLowerCase(java.util.Locale.ROOT);
        assertTrue(lower.contains("; secure"), "Secure: " + cookie);
        assertTrue(lower.contains("httponly"), "HttpOnly: " + cookie);
        assertTrue(lower.contains("samesite=lax"), "SameSite: " + cookie);
        assertFalse(lower.contains("samesite=none"), cookie);
      }
    }
  }
}
