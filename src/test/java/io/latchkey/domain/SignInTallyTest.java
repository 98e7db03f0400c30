package io.latchkey.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.domain.SignInTally.Outcome;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tallies read from the details exactly as the sign-in use cases write them. */
class SignInTallyTest {

  private static final String ISSUER = "http://localhost:37469/realms/latchkey-demo";

  @Test
  void passwordSignIns() {
    assertEquals(
        tally("password", Outcome.SUCCEEDED, ""), of(AuditEvent.SIGN_IN_SUCCEEDED, "password"));
    assertEquals(
        tally("password", Outcome.FAILED, "wrong-password"),
        of(AuditEvent.SIGN_IN_FAILED, "password: wrong"));
    assertEquals(
        tally("password", Outcome.FAILED, "no-such-account"),
        of(AuditEvent.SIGN_IN_FAILED, "password: no such account"));
    assertEquals(
        tally("password", Outcome.FAILED, "no-password"),
        of(AuditEvent.SIGN_IN_FAILED, "password: none set"));
    assertEquals(
        tally("password", Outcome.REFUSED, "paused"),
        of(AuditEvent.SIGN_IN_REFUSED, "password: sign-in paused"));
    assertEquals(
        tally("password", Outcome.REFUSED, "disabled"),
        of(AuditEvent.SIGN_IN_REFUSED, "password: account disabled"));
  }

  @Test
  void providerSignInsAreCountedByIssuer() {
    assertEquals(
        tally(ISSUER, Outcome.SUCCEEDED, ""),
        of(AuditEvent.SIGN_IN_SUCCEEDED, "provider " + ISSUER));
    assertEquals(
        tally(ISSUER, Outcome.SUCCEEDED, ""),
        of(AuditEvent.SIGN_IN_SUCCEEDED, "re-authentication, provider " + ISSUER));
    assertEquals(
        tally(ISSUER, Outcome.REFUSED, "disabled"),
        of(AuditEvent.SIGN_IN_REFUSED, "provider " + ISSUER + ": disabled"));
    assertEquals(
        tally(ISSUER, Outcome.REFUSED, "link-required"),
        of(AuditEvent.SIGN_IN_REFUSED, "provider " + ISSUER + ": link required"));
    assertEquals(
        tally(ISSUER, Outcome.REFUSED, "unverified-email"),
        of(AuditEvent.SIGN_IN_REFUSED, "provider " + ISSUER + ": unverified email of an account"));
  }

  @Test
  void providerFailuresBeforeTheIssuerIsKnownCountByWhatWentWrong() {
    assertEquals(
        tally("provider", Outcome.FAILED, "cancelled"),
        of(AuditEvent.SIGN_IN_FAILED, "provider: cancelled at the provider (support id AB12)"));
    assertEquals(
        tally("provider", Outcome.FAILED, "token-rejected"),
        of(
            AuditEvent.SIGN_IN_FAILED,
            "provider: id_token azp x is not the client id (support id 1)"));
    assertEquals(
        tally("provider", Outcome.FAILED, "flow"),
        of(AuditEvent.SIGN_IN_FAILED, "provider: callback without code or state (support id 1)"));
    assertEquals(
        tally("provider", Outcome.FAILED, "other"),
        of(AuditEvent.SIGN_IN_FAILED, "provider: something new (support id 1)"));
  }

  @Test
  void otherEventsAreNotSignIns() {
    assertTrue(SignInTally.of(AuditEvent.SIGNED_OUT, "password").isEmpty());
    assertTrue(SignInTally.of(AuditEvent.SIGN_IN_PAUSED, "failures: 5, pause: 30 s").isEmpty());
  }

  @Test
  void everyReasonItGivesIsListed() {
    for (String detail :
        new String[] {
          "password: wrong",
          "provider: x",
          "provider: provider error y",
          "provider: could not start",
          "provider: the provider did not authenticate again",
          "provider: state missing"
        }) {
      String reason = of(AuditEvent.SIGN_IN_FAILED, detail).get().reason();
      assertTrue(SignInTally.REASONS.contains(reason), reason);
    }
  }

  private static Optional<SignInTally> tally(String method, Outcome outcome, String reason) {
    return Optional.of(new SignInTally(method, outcome, reason));
  }

  private static Optional<SignInTally> of(AuditEvent event, String detail) {
    return SignInTally.of(event, detail);
  }
}
