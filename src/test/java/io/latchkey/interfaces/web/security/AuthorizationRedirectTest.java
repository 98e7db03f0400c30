package io.latchkey.interfaces.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void theStateIsReadDecodedFromTheMechanismsLocation() {
    String location = "https://id.example/auth?client_id=c&state=a%2Bb&nonce=n";
    assertEquals("a+b", AuthorizationRedirect.parameter(location, "state"));
    assertEquals("c", AuthorizationRedirect.parameter(location, "client_id"));
    assertEquals(null, AuthorizationRedirect.parameter(location, "code_challenge"));
    assertEquals(null, AuthorizationRedirect.parameter("https://id.example/auth", "state"));
  }

  @Test
  void pkceSendsTheS256ChallengeOfAVerifierKeptForThatState() {
    assertEquals(
        "omQF5TgUg40zAbszk_PvyVpRF8GQGjtm7FgNWE9wZgw", // computed independently (Python hashlib)
        Pkce.challenge("dBjftJeZ4CVP-mJ92K9qP2FlEKmGEnZsAC-L6hm8wO7ZrPwR3jNY0YLcxL8"));
    String verifier = Pkce.newVerifier();
    assertEquals(43, verifier.length());
    assertTrue(verifier.matches("[A-Za-z0-9_-]{43}"), verifier);
    assertNotEquals(verifier, Pkce.newVerifier());
  }
}
