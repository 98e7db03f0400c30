package io.latchkey.interfaces.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Step 2: what the authorization request gets on top of the standard mechanism's parameters. */
class AuthorizationRedirectTest {

  @Test
  void aReauthenticationAsksForAFreshLoginReplacingTheConfiguredPrompt() {
    Map<String, String> fresh = new LinkedHashMap<>();
    fresh.put("prompt", "login");
    fresh.put("max_age", "0");
    assertEquals(
        "https://id.example/auth?prompt=login&max_age=0&scope=openid&state=s1",
        AuthorizationRedirect.withParameters(
            "https://id.example/auth?scope=openid&prompt=consent&state=s1", fresh));
  }

  @Test
  void theHostedDomainHintIsEncodedAndAddedToAnyLocation() {
    assertEquals(
        "https://id.example/auth?hd=example.com",
        AuthorizationRedirect.withParameters(
            "https://id.example/auth", Map.of("hd", "example.com")));
    assertEquals(
        "https://id.example/auth?hd=a%26b&x=1",
        AuthorizationRedirect.withParameters(
            "https://id.example/auth?x=1&hd=old", Map.of("hd", "a&b")));
  }
}
