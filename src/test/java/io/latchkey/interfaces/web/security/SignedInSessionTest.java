package io.latchkey.interfaces.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The time rules of a signed-in session, exactly at their edges. */
class SignedInSessionTest {

  private static final Instant START = Instant.parse("2026-12-01T08:00:00Z");
  private static final Duration IDLE = Duration.ofMinutes(30);
  private static final Duration ABSOLUTE = Duration.ofHours(12);

  private final SignedInSession session =
      SignedInSession.startedAt(START, 7, 1, "password", null, "record-1");

  @Test
  void anIdleSessionEndsAfterTheIdleLimitAndNotBefore() {
    assertNull(session.expiry(IDLE, ABSOLUTE, START.plus(IDLE)));
    assertEquals(
        "it was idle too long", session.expiry(IDLE, ABSOLUTE, START.plus(IDLE).plusSeconds(1)));
  }

  @Test
  void activityKeepsASessionAliveUntilTheAbsoluteLimitCountedFromTheFirstSignIn() {
    SignedInSession active = session;
    Instant now = START;
    while (now.isBefore(START.plus(ABSOLUTE))) {
      now = now.plus(Duration.ofMinutes(20));
      assertTrue(active.needsLastSeenUpdate(now));
      active = active.seenAt(now).reauthenticatedAt(now);
    }
    assertEquals(
        "it reached its maximum age",
        active.expiry(IDLE, ABSOLUTE, START.plus(ABSOLUTE).plusSeconds(1)));
    assertEquals(START, active.signedInAt());
  }

  @Test
  void theLastSeenTimeIsWrittenAtMostOnceAMinute() {
    assertFalse(session.needsLastSeenUpdate(START.plusSeconds(59)));
    assertTrue(session.needsLastSeenUpdate(START.plusSeconds(60)));
  }

  @Test
  void reauthenticationRestartsTheWindowOnly() {
    Duration window = Duration.ofMinutes(5);
    Instant later = START.plus(Duration.ofHours(1));
    assertFalse(session.authenticatedWithin(window, later));

    SignedInSession again = session.reauthenticatedAt(later);

    assertTrue(again.authenticatedWithin(window, later.plus(window)));
    assertFalse(again.authenticatedWithin(window, later.plus(window).plusSeconds(1)));
    assertEquals(START, again.signedInAt());
  }

  @Test
  void aNewGenerationKeepsEverythingElse() {
    SignedInSession renewed = session.withGeneration(2);
    assertEquals(2, renewed.generation());
    assertEquals(session.signedInAt(), renewed.signedInAt());
    assertEquals(session.method(), renewed.method());
  }

  @Test
  void eachSignInHasItsOwnFormTokenAndALinkTokenThatDoesNotRevealIt() {
    SignedInSession other = SignedInSession.startedAt(START, 7, 1, "password", null, "record-2");

    assertNotEquals(session.formToken(), other.formToken());
    assertTrue(session.formTokenIs(session.formToken()));
    assertFalse(session.formTokenIs(other.formToken()));
    assertFalse(session.formTokenIs(null));

    assertEquals(43, session.linkToken().length());
    assertEquals(session.linkToken(), session.seenAt(START.plusSeconds(90)).linkToken());
    assertTrue(session.linkTokenIs(session.linkToken()));
    assertFalse(session.linkTokenIs(session.formToken()), "a link never carries the form token");
    assertFalse(session.linkTokenIs(other.linkToken()));
    assertFalse(session.linkTokenIs(null));
  }
}
