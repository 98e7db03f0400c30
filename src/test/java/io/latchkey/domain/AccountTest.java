package io.latchkey.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountTest {

  private static final Instant REGISTERED = Instant.parse("2025-03-01T09:00:00Z");
  private static final EmailAddress EMAIL = EmailAddress.parse("ada@example.test").orElseThrow();

  private Instant now = REGISTERED.plus(Duration.ofDays(1));

  // Sign-in pause ------------------------------------------------------------------------------

  @Test
  void theFirstFourFailuresDoNotPauseSignIn() {
    Account account = newAccount();

    for (int failure = 1; failure <= 4; failure++) {
      assertEquals(Optional.empty(), account.signInFailed(now), "failure " + failure);
      assertFalse(account.isSignInPaused(now), "failure " + failure);
    }
    assertEquals(4, account.getFailedSignIns());
  }

  @Test
  void theFifthFailurePausesSignInForThirtySeconds() {
    Account account = newAccount();
    failTimes(account, 4);

    assertEquals(Optional.of(Duration.ofSeconds(30)), account.signInFailed(now));
    assertTrue(account.isSignInPaused(now));
    assertTrue(account.isSignInPaused(now.plusSeconds(29)));
    assertFalse(account.isSignInPaused(now.plusSeconds(30)));
  }

  @Test
  void eachFurtherFailureDoublesThePauseUpToFifteenMinutes() {
    Account account = newAccount();

    assertEquals(
        List.of(30L, 60L, 120L, 240L, 480L, 900L, 900L),
        pausesInSecondsOf(account, 11).subList(4, 11));
  }

  @Test
  void thePauseNeverExceedsFifteenMinutesEvenAfterAHundredFailures() {
    Account account = newAccount();

    List<Long> pauses = pausesInSecondsOf(account, 100);

    assertEquals(100, account.getFailedSignIns());
    assertEquals(900L, pauses.get(99));
    assertTrue(pauses.stream().allMatch(seconds -> seconds <= 15 * 60), pauses::toString);
    assertTrue(account.isSignInPaused(now.plus(Duration.ofMinutes(15)).minusSeconds(1)));
    assertFalse(account.isSignInPaused(now.plus(Duration.ofMinutes(15))));
  }

  @Test
  void signingInResetsTheFailureCountAndEndsThePause() {
    Account account = newAccount();
    failTimes(account, 5);
    assertTrue(account.isSignInPaused(now));

    account.signedIn(now);

    assertEquals(0, account.getFailedSignIns());
    assertFalse(account.isSignInPaused(now));
    assertEquals(Optional.of(now), account.getLastSignInAt());
    failTimes(account, 4);
    assertFalse(account.isSignInPaused(now), "the count started again from zero");
  }

  // Credentials and sessions -------------------------------------------------------------------

  @Test
  void changingThePasswordHashStoresItAndEndsAllSessions() {
    Account account = newAccount();
    int generation = account.getSessionGeneration();

    account.changePasswordHash("hash-2");

    assertEquals(Optional.of("hash-2"), account.getPasswordHash());
    assertEquals(generation + 1, account.getSessionGeneration());
  }

  @Test
  void endingAllSessionsBumpsTheSessionGenerationEachTime() {
    Account account = newAccount();
    int generation = account.getSessionGeneration();

    account.endAllSessions();
    account.endAllSessions();

    assertEquals(generation + 2, account.getSessionGeneration());
    assertEquals(Optional.of("hash-1"), account.getPasswordHash());
  }

  // Registration -------------------------------------------------------------------------------

  @Test
  void aRegisteredAccountIsAnCurrentAccountWithTheGivenEmailAndPassword() {
    Account account = newAccount();

    assertEquals(Optional.of(EMAIL), account.getEmail());
    assertEquals(AccountStatus.ACTIVE, account.getStatus());
    assertTrue(account.isActive());
    assertEquals(Set.of(Role.USER), account.getRoles());
    assertEquals(Optional.of("hash-1"), account.getPasswordHash());
    assertEquals(REGISTERED, account.getCreatedAt());
    assertEquals(Optional.empty(), account.getLastSignInAt());
    assertEquals(0, account.getFailedSignIns());
  }

  @Test
  void theDisplayNameIsStoredTrimmed() {
    Account account = Account.registerWithPassword(EMAIL, "  Ada Lovelace \t", "h", REGISTERED);

    assertEquals("Ada Lovelace", account.getDisplayName());
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "\t\n"})
  void anEmptyDisplayNameIsRejected(String displayName) {
    assertThrows(
        IllegalArgumentException.class,
        () -> Account.registerWithPassword(EMAIL, displayName, "h", REGISTERED));
  }

  @Test
  void theDisplayNameMayHaveAHundredCharactersCountedInCodePoints() {
    String hundredEmoji = "\uD83E\uDD8A".repeat(100);

    Account account = Account.registerWithPassword(EMAIL, hundredEmoji, "h", REGISTERED);

    assertEquals(hundredEmoji, account.getDisplayName());
  }

  @Test
  void aDisplayNameOfMoreThanAHundredCharactersIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Account.registerWithPassword(EMAIL, "a".repeat(101), "h", REGISTERED));
    assertThrows(
        IllegalArgumentException.class,
        () -> Account.registerWithPassword(EMAIL, "\uD83E\uDD8A".repeat(101), "h", REGISTERED));
  }

  @Test
  void anAccountRegisteredWithAPasswordNeedsAHash() {
    assertThrows(
        NullPointerException.class,
        () -> Account.registerWithPassword(EMAIL, "Ada", null, REGISTERED));
  }

  private static Account newAccount() {
    return Account.registerWithPassword(EMAIL, "Ada", "hash-1", REGISTERED);
  }

  private void failTimes(Account account, int times) {
    for (int i = 0; i < times; i++) {
      account.signInFailed(now);
    }
  }

  /**
   * Fails {@code failures} times, each attempt made once the previous pause is over (as the sign-in
   * service refuses attempts during a pause without counting them); a failure without a pause is 0.
   */
  private List<Long> pausesInSecondsOf(Account account, int failures) {
    List<Long> pauses = new ArrayList<>();
    for (int i = 0; i < failures; i++) {
      assertFalse(account.isSignInPaused(now));
      Duration pause = account.signInFailed(now).orElse(Duration.ZERO);
      pauses.add(pause.toSeconds());
      if (i < failures - 1) {
        now = now.plus(pause);
      }
    }
    return pauses;
  }

  @Test
  void aDisplayNameWithInvisibleCharactersIsRejectedAndNamesAreComparedComposed() {
    assertFalse(Account.acceptsDisplayName("Ad\u200Ba"));
    assertFalse(Account.acceptsDisplayName("\u202EAda"));
    assertTrue(Account.acceptsDisplayName("Jose\u0301"));
    Account account =
        Account.registerWithPassword(
            EmailAddress.parse("jose@example.test").orElseThrow(),
            "Jose\u0301",
            "hash",
            REGISTERED);
    assertEquals("Jos\u00E9", account.getDisplayName());
  }
}
