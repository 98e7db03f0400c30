package io.latchkey.infrastructure.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.application.CodeExchange;
import jakarta.ws.rs.core.Form;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The standard mechanism's token request, as the callback on this thread wants it. */
class TokenRequestsTest {

  private static Form tokenForm() {
    return new Form()
        .param("client_id", "my client")
        .param("client_secret", "s&cret:1")
        .param("grant_type", "authorization_code")
        .param("code", "the-code")
        .param("redirect_uri", "https://app.example/auth/callback");
  }

  @Test
  void theVerifierIsAddedAndTheSecretStaysInTheFormWithClientSecretPost() throws Exception {
    TokenRequests.Rewritten rewritten =
        new CodeExchange("the-verifier", false)
            .during(() -> TokenRequests.rewrite("POST", tokenForm()))
            .orElseThrow();
    assertEquals(List.of("the-verifier"), rewritten.form().asMap().get("code_verifier"));
    assertEquals(List.of("s&cret:1"), rewritten.form().asMap().get("client_secret"));
    assertEquals(List.of("the-code"), rewritten.form().asMap().get("code"));
    assertNull(rewritten.authorization());
  }

  @Test
  void clientSecretBasicMovesTheSecretIntoAFormEncodedBasicHeader() throws Exception {
    TokenRequests.Rewritten rewritten =
        new CodeExchange(null, true)
            .during(() -> TokenRequests.rewrite("POST", tokenForm()))
            .orElseThrow();
    assertNull(rewritten.form().asMap().get("client_secret"));
    assertNull(rewritten.form().asMap().get("code_verifier"));
    assertEquals(List.of("my client"), rewritten.form().asMap().get("client_id"));
    String credentials =
        new String(
            Base64.getDecoder().decode(rewritten.authorization().substring("Basic ".length())),
            StandardCharsets.UTF_8);
    assertEquals("my+client:s%26cret%3A1", credentials);
  }

  @Test
  void nothingElseIsTouched() throws Exception {
    // No callback on this thread.
    assertEquals(Optional.empty(), TokenRequests.rewrite("POST", tokenForm()));
    CodeExchange exchange = new CodeExchange("v", true);
    // Another request of the callback: userinfo (GET), a refresh, a JSON body.
    assertEquals(Optional.empty(), exchange.during(() -> TokenRequests.rewrite("GET", null)));
    Form refresh = new Form().param("grant_type", "refresh_token");
    assertEquals(Optional.empty(), exchange.during(() -> TokenRequests.rewrite("POST", refresh)));
    assertEquals(Optional.empty(), exchange.during(() -> TokenRequests.rewrite("POST", "{}")));
    // Nothing to add.
    assertEquals(
        Optional.empty(),
        new CodeExchange(null, false).during(() -> TokenRequests.rewrite("POST", tokenForm())));
    // Unbound again afterwards.
    assertTrue(CodeExchange.current().isEmpty());
  }
}
