package io.latchkey.infrastructure.security;

import io.latchkey.application.CodeExchange;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The standard mechanism's token request, as the {@link CodeExchange} bound to this thread wants
 * it: with the PKCE {@code code_verifier} added, and with the client secret moved from the form
 * into an {@code Authorization: Basic} header (RFC 6749 2.3.1: both parts form-encoded).
 *
 * <p>Only a POST of an {@code authorization_code} form, while a callback is being handled, is
 * touched: every other request of every JAX-RS client of the application goes out as it was. {@link
 * JerseyTokenRequests} (Payara) and {@link ResteasyClientTimeouts} (WildFly) apply it.
 */
final class TokenRequests {

  /** The form to send instead, and the Authorization header to add (or null). */
  record Rewritten(Form form, String authorization) {}

  private TokenRequests() {}

  static Optional<Rewritten> rewrite(String method, Object entity) {
    Optional<CodeExchange> exchange = CodeExchange.current().filter(CodeExchange::changesAnything);
    if (exchange.isEmpty() || !"POST".equals(method) || !(entity instanceof Form form)) {
      return Optional.empty();
    }
    MultivaluedMap<String, String> fields = form.asMap();
    if (!"authorization_code".equals(fields.getFirst("grant_type"))) {
      return Optional.empty();
    }
    boolean basic = exchange.get().clientSecretBasic();
    Form rewritten = new Form();
    fields.forEach(
        (name, values) -> {
          if (!(basic && name.equals("client_secret"))) {
            values.forEach(value -> rewritten.param(name, value));
          }
        });
    if (exchange.get().codeVerifier() != null) {
      rewritten.param("code_verifier", exchange.get().codeVerifier());
    }
    String clientId = fields.getFirst("client_id");
    String secret = fields.getFirst("client_secret");
    String authorization =
        basic && clientId != null && secret != null
            ? "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (encoded(clientId) + ":" + encoded(secret))
                            .getBytes(StandardCharsets.UTF_8))
            : null;
    return Optional.of(new Rewritten(rewritten, authorization));
  }

  private static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
