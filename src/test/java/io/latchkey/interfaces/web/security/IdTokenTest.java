package io.latchkey.interfaces.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.domain.ProviderIdentity;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Step 6: Latchkey's id_token checks, on tokens built here (the signature is Soteria's job). */
class IdTokenTest {

  private static final String ISSUER = "https://id.example.test";
  private static final String CLIENT = "latchkey-client";
  private static final IdToken.Expected EXPECTED =
      new IdToken.Expected(
          Set.of("RS256", "ES256"), ISSUER, CLIENT, Set.of("trusted-api"), Set.of());

  @Test
  void aTokenThatPassesEveryCheckAssertsItsIdentity() {
    IdToken token = token("RS256", claims -> claims.add("email", "ana@example.test"));

    assertEquals(Optional.empty(), token.problemWith(EXPECTED));
    ProviderIdentity identity = token.identity();
    assertEquals(ISSUER, identity.key().issuer());
    assertEquals("subject-1", identity.key().subject());
    assertEquals("ana@example.test", identity.email());
    assertTrue(identity.emailVerified());
  }

  @Test
  void unsignedAndHmacTokensAreRefusedWhateverTheMechanismSaid() {
    assertProblem(token("none", c -> {}), "algorithm none is not allowed");
    assertProblem(token("HS256", c -> {}), "algorithm HS256 is not allowed");
  }

  @Test
  void theIssuerMustBeExactlyTheConfiguredOne() {
    assertProblem(token("RS256", c -> c.add("iss", ISSUER + "/")), "is not the configured issuer");
    assertProblem(token("RS256", c -> c.remove("iss")), "is not the configured issuer");
  }

  @Test
  void theAudienceMustNameTheClientAndNoUntrustedOther() {
    assertProblem(
        token("RS256", c -> c.add("aud", "someone-else")), "audience does not contain the client");
    assertProblem(
        token("RS256", c -> c.add("aud", Json.createArrayBuilder().add(CLIENT).add("other-app"))),
        "untrusted audience other-app");
    assertEquals(
        Optional.empty(),
        token("RS256", c -> c.add("aud", Json.createArrayBuilder().add(CLIENT).add("trusted-api")))
            .problemWith(EXPECTED));
  }

  @Test
  void anAuthorizedPartyMustBeTheClient() {
    assertProblem(token("RS256", c -> c.add("azp", "other-app")), "azp other-app is not");
    assertEquals(Optional.empty(), token("RS256", c -> c.add("azp", CLIENT)).problemWith(EXPECTED));
  }

  @Test
  void aTokenWithoutAUsableSubjectIsRefused() {
    assertProblem(token("RS256", c -> c.remove("sub")), "no usable sub");
    assertProblem(token("RS256", c -> c.add("sub", " ")), "no usable sub");
    assertProblem(token("RS256", c -> c.add("sub", "x".repeat(256))), "no usable sub");
  }

  @Test
  void withHostedDomainsConfiguredTheHdClaimMustBeOneOfThem() {
    IdToken.Expected workspace =
        new IdToken.Expected(
            EXPECTED.algorithms(), ISSUER, CLIENT, Set.of(), Set.of("example.com", "example.org"));
    assertEquals(
        Optional.empty(), token("RS256", c -> c.add("hd", "example.org")).problemWith(workspace));
    assertTrue(
        token("RS256", c -> c.add("hd", "gmail.com"))
            .problemWith(workspace)
            .orElseThrow()
            .contains("hd"));
    assertTrue(
        token("RS256", c -> {}).problemWith(workspace).isPresent(), "no hd: a consumer account");
  }

  @Test
  void anEmailIsVerifiedOnlyWhenTheProviderSaysSo() {
    assertFalse(token("RS256", c -> c.remove("email_verified")).identity().emailVerified());
    assertFalse(token("RS256", c -> c.add("email_verified", false)).identity().emailVerified());
    assertTrue(token("RS256", c -> c.add("email_verified", "true")).identity().emailVerified());
  }

  @Test
  void aReauthenticationIsFreshOnlyWithAnAuthTimeAtOrAfterTheRequest() {
    Instant requested = Instant.parse("2026-12-01T10:00:00Z");
    long seconds = requested.getEpochSecond();

    assertTrue(token("RS256", c -> c.add("auth_time", seconds + 5)).isFreshSince(requested));
    assertTrue(token("RS256", c -> c.add("auth_time", seconds - 30)).isFreshSince(requested));
    assertFalse(token("RS256", c -> c.add("auth_time", seconds - 600)).isFreshSince(requested));
    assertFalse(token("RS256", c -> c.remove("auth_time")).isFreshSince(requested));
  }

  @Test
  void somethingThatIsNotACompactJwtIsNotReadAtAll() {
    assertThrows(IllegalArgumentException.class, () -> IdToken.parse("not-a-jwt"));
    assertThrows(IllegalArgumentException.class, () -> IdToken.parse("a.b!.c"));
    assertThrows(IllegalArgumentException.class, () -> IdToken.parse(null));
  }

  private static void assertProblem(IdToken token, String expected) {
    Optional<String> problem = token.problemWith(EXPECTED);
    assertTrue(problem.isPresent(), "no problem found, expected: " + expected);
    assertTrue(problem.get().contains(expected), problem.get());
  }

  /** A token whose claims start valid; {@code change} edits them before encoding. */
  private static IdToken token(String algorithm, Consumer<JsonObjectBuilder> change) {
    JsonObjectBuilder claims =
        Json.createObjectBuilder()
            .add("iss", ISSUER)
            .add("sub", "subject-1")
            .add("aud", CLIENT)
            .add("email", "someone@example.test")
            .add("email_verified", true)
            .add("auth_time", Instant.now().getEpochSecond());
    change.accept(claims);
    String header = Json.createObjectBuilder().add("alg", algorithm).build().toString();
    return IdToken.parse(
        encode(header) + "." + encode(claims.build().toString()) + ".c2lnbmF0dXJl");
  }

  private static String encode(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
