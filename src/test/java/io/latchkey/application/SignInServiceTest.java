package io.latchkey.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.application.SignInOutcome.Reason;
import io.latchkey.domain.Account;
import io.latchkey.domain.AccountStatus;
import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.EmailAddress;
import io.latchkey.testing.fakes.Entities;
import io.latchkey.testing.fakes.InMemoryAccounts;
import io.latchkey.testing.fakes.RecordingAuditTrail;
import io.latchkey.testing.fakes.RecordingMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SignInServiceTest {

  private static final String EMAIL = "ada@example.test";
  private static final String PASSWORD = "violet tractor sings";
  private static final String CLIENT = "198.51.100.7";
  private static final SignInOutcome BAD_CREDENTIALS =
      new SignInOutcome.Refused(Reason.CREDENTIALS);

  private final InMemoryAccounts accounts = new InMemoryAccounts();
  private final RecordingAuditTrail audit = new RecordingAuditTrail();
  private final CountingHasher hasher = new CountingHasher();
  private final SignInService service = new SignInService();
  private final RecordingMetrics metrics = new RecordingMetrics();
  private Account ada;

  @BeforeEach
  void wireServiceWithOneAccount() {
    service.accounts = accounts;
    service.hasher = hasher;
    service.clock = java.time.Clock.systemUTC();
    service.limits = new AttemptLimits(service.clock, 1_000, 4, metrics);
    service.records = new SignInRecords();
    service.records.accounts = accounts;
    service.records.audit = audit;
    service.records.views = new AccountViews(Optional.empty());
    ada = register(EMAIL, PASSWORD);
  }

  // Outcomes -------------------------------------------------------------------------------------

  @Test
  void theCorrectPasswordSignsInToTheAccount() {
    SignInOutcome outcome = signIn(" Ada@Example.TEST ", PASSWORD);

    AccountView account = assertInstanceOf(SignInOutcome.SignedIn.class, outcome).account();
    assertEquals(ada.getId(), account.id());
    assertEquals(EMAIL, account.email());
    assertTrue(ada.getLastSignInAt().isPresent());
  }

  @Test
  void signingInResetsEarlierFailures() {
    signIn(EMAIL, "wrong password 1");
    signIn(EMAIL, "wrong password 2");
    assertEquals(2, ada.getFailedSignIns());

    signIn(EMAIL, PASSWORD);

    assertEquals(0, ada.getFailedSignIns());
  }

  @Test
  void anUnknownEmailAndAWrongPasswordGetTheSameRefusal() {
    assertEquals(BAD_CREDENTIALS, signIn("nobody@example.test", PASSWORD));
    assertEquals(BAD_CREDENTIALS, signIn(EMAIL, "wrong password"));
    assertEquals(BAD_CREDENTIALS, signIn("not an email", PASSWORD));
  }

  @Test
  void aDisabledAccountIsRefusedAsDisabledOnlyWithTheCorrectPassword() {
    Entities.setField(ada, "status", AccountStatus.DISABLED);

    assertEquals(BAD_CREDENTIALS, signIn(EMAIL, "wrong password"));
    assertEquals(new SignInOutcome.Refused(Reason.DISABLED), signIn(EMAIL, PASSWORD));
    assertEquals(List.of(AuditEvent.SIGN_IN_FAILED, AuditEvent.SIGN_IN_REFUSED), audit.events());
  }

  @Test
  void theFifthWrongPasswordPausesSignIn() {
    for (int attempt = 1; attempt <= 5; attempt++) {
      assertEquals(BAD_CREDENTIALS, signIn(EMAIL, "wrong password " + attempt));
    }

    assertTrue(ada.isSignInPaused(Instant.now()));
    assertTrue(ada.isSignInPaused(Instant.now().plusSeconds(25)));
    assertFalse(ada.isSignInPaused(Instant.now().plus(Duration.ofSeconds(31))));
  }

  @Test
  void whilePausedEvenTheCorrectPasswordIsRefusedAndNotCounted() {
    failFiveTimes();
    int verifiedBefore = hasher.verifiedLengths.size();

    assertEquals(BAD_CREDENTIALS, signIn(EMAIL, PASSWORD));

    assertEquals(5, ada.getFailedSignIns());
    assertEquals(verifiedBefore, hasher.verifiedLengths.size(), "the stored hash was not used");
  }

  // Timing ---------------------------------------------------------------------------------------

  @Test
  void everyKindOfAttemptCostsExactlyOneHashVerification() {
    Account grace = register("grace@example.test", "another good secret");

    assertEquals(1, hashesSpentOn("nobody@example.test", PASSWORD), "unknown email");
    assertEquals(1, hashesSpentOn("not an email", PASSWORD), "malformed email");
    assertEquals(1, hashesSpentOn(EMAIL, "wrong password"), "wrong password");
    assertEquals(1, hashesSpentOn(EMAIL, "x".repeat(129)), "overlong password");
    failFiveTimes();
    assertEquals(1, hashesSpentOn(EMAIL, "wrong password"), "paused, wrong password");
    assertEquals(1, hashesSpentOn(EMAIL, PASSWORD), "paused, correct password");
    assertEquals(
        1, hashesSpentOn(grace.getEmail().orElseThrow().value(), "another good secret"), "correct");
  }

  @Test
  void aPasswordLongerThan128CharactersIsNeverVerifiedAgainstTheStoredHash() {
    assertEquals(BAD_CREDENTIALS, signIn(EMAIL, "x".repeat(129)));
    assertEquals(List.of(), hasher.verifiedLengths);
    assertEquals(1, hasher.verifiedAgainstNothing);

    signIn(EMAIL, "x".repeat(128));
    assertEquals(List.of(128), hasher.verifiedLengths);
  }

  // Audit ----------------------------------------------------------------------------------------

  @Test
  void eachAttemptIsAuditedWithItsOutcome() {
    signIn("nobody@example.test", PASSWORD);
    signIn(EMAIL, "wrong password");
    signIn(EMAIL, PASSWORD);

    assertEquals(
        List.of(AuditEvent.SIGN_IN_FAILED, AuditEvent.SIGN_IN_FAILED, AuditEvent.SIGN_IN_SUCCEEDED),
        audit.events());
    AuditEntry unknown = audit.entries().get(0);
    assertEquals(Optional.of("nobody@example.test"), unknown.getTargetEmail());
    assertEquals(Optional.empty(), unknown.getTargetAccountId());
    AuditEntry succeeded = audit.entries().get(2);
    assertEquals(Optional.of(ada.getId()), succeeded.getTargetAccountId());
    assertEquals(Optional.of(ada.getId()), succeeded.getActorAccountId());
    assertTrue(
        audit.entries().stream().allMatch(e -> e.getClientAddress().equals(Optional.of(CLIENT))));
  }

  @Test
  void theFifthFailureIsAuditedAsAPauseAndAttemptsDuringThePauseAsRefused() {
    failFiveTimes();
    signIn(EMAIL, PASSWORD);

    assertEquals(
        List.of(
            AuditEvent.SIGN_IN_FAILED,
            AuditEvent.SIGN_IN_FAILED,
            AuditEvent.SIGN_IN_FAILED,
            AuditEvent.SIGN_IN_FAILED,
            AuditEvent.SIGN_IN_FAILED,
            AuditEvent.SIGN_IN_PAUSED,
            AuditEvent.SIGN_IN_REFUSED),
        audit.events());
    assertEquals(Optional.of("failures: 5, pause: 30 s"), audit.entries().get(5).getDetail());
  }

  @Test
  void anAddressOverItsLimitIsRefusedWithoutAHashAndCountedForOperators() {
    service.limits = new AttemptLimits(service.clock, 2, 4, metrics);
    signIn(EMAIL, "wrong password");
    signIn(EMAIL, "wrong password");

    assertEquals(0, hashesSpentOn(EMAIL, PASSWORD));
    assertEquals(BAD_CREDENTIALS, signIn(EMAIL, PASSWORD));
    assertEquals(
        List.of(
            OperatorMetrics.Limit.ATTEMPTS_PER_ADDRESS, OperatorMetrics.Limit.ATTEMPTS_PER_ADDRESS),
        metrics.throttled);
  }

  @Test
  void noAuditEntryHoldsThePassword() {
    signIn("nobody@example.test", PASSWORD);
    signIn(EMAIL, "wrong password");
    signIn(EMAIL, PASSWORD);

    assertTrue(
        audit.entries().stream()
            .flatMap(e -> e.getDetail().stream())
            .noneMatch(d -> d.contains(PASSWORD) || d.contains("wrong password")),
        audit.entries().stream()
            .map(e -> e.getDetail().orElse(""))
            .collect(Collectors.joining("|")));
  }

  // Helpers --------------------------------------------------------------------------------------

  private SignInOutcome signIn(String email, String password) {
    return service.signInWithPassword(email, password, CLIENT);
  }

  private int hashesSpentOn(String email, String password) {
    int before = hasher.verifications();
    signIn(email, password);
    return hasher.verifications() - before;
  }

  private void failFiveTimes() {
    for (int attempt = 1; attempt <= 5; attempt++) {
      signIn(EMAIL, "wrong password " + attempt);
    }
  }

  private Account register(String email, String password) {
    return accounts.add(
        Account.registerWithPassword(
            EmailAddress.parse(email).orElseThrow(),
            "Someone",
            hasher.hash(Password.of(password)),
            Instant.now().minus(Duration.ofDays(1))));
  }

  /** A fast stand-in for PBKDF2 that counts the (in real life slow) verifications. */
  private static final class CountingHasher implements PasswordHasher {
    private final List<Integer> verifiedLengths = new ArrayList<>();
    private int verifiedAgainstNothing;

    @Override
    public String hash(Password password) {
      return "fake:" + new String(password.chars());
    }

    @Override
    public boolean verify(Password password, String storedHash) {
      verifiedLengths.add(password.length());
      return hash(password).equals(storedHash);
    }

    @Override
    public void verifyAgainstNothing(Password password) {
      verifiedAgainstNothing++;
    }

    int verifications() {
      return verifiedLengths.size() + verifiedAgainstNothing;
    }
  }
}
