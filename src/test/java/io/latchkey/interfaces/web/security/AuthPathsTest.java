package io.latchkey.interfaces.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Provider flow URLs: built and read in one place, so they cannot drift apart. */
class AuthPathsTest {

  private final AuthPaths paths = new AuthPaths();

  @Test
  void everyBuiltPathReadsBackAsItsStart() {
    assertEquals(start(AuthPaths.Kind.SIGN_IN), AuthPaths.parse(paths.signIn("google")));
    assertEquals(start(AuthPaths.Kind.LINK), AuthPaths.parse(paths.link("google")));
    String reauthenticate = paths.reauthenticate("google", ReturnTo.ADMIN);
    assertEquals("/auth/google/reauthenticate?then=admin", reauthenticate);
    assertEquals(
        start(AuthPaths.Kind.REAUTHENTICATE),
        AuthPaths.parse(reauthenticate.substring(0, reauthenticate.indexOf('?'))));
  }

  @Test
  void anythingElseIsNoStart() {
    assertEquals(Optional.empty(), AuthPaths.parse("/auth/google/elsewhere"));
    assertEquals(Optional.empty(), AuthPaths.parse("/auth/google/link/more"));
    assertEquals(Optional.empty(), AuthPaths.parse("/account"));
  }

  @Test
  void unknownReturnTargetsGoToTheAccount() {
    assertEquals(ReturnTo.ACCOUNT, ReturnTo.ofKey("https://evil.example"));
    assertEquals(ReturnTo.LINK, ReturnTo.ofKey("link"));
  }

  private static Optional<AuthPaths.Start> start(AuthPaths.Kind kind) {
    return Optional.of(new AuthPaths.Start(kind, "google"));
  }
}
