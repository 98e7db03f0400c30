package io.latchkey.application;

import io.latchkey.domain.Account;
import io.latchkey.domain.AccountRepository;
import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.AuditTrail;
import io.latchkey.domain.EmailAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Password sign-in: checks the credentials, keeps count of consecutive failures, and audits every
 * attempt.
 *
 * <p>Every refused attempt costs one password hash, whether the email is unknown, the password is
 * wrong or sign-in is paused, so the response time does not tell them apart.
 */
@ApplicationScoped
@Transactional
public class SignInService {

  private static final Logger LOG = Logger.getLogger(SignInService.class.getName());

  @Inject Clock clock;
  @Inject AccountRepository accounts;
  @Inject AuditTrail audit;
  @Inject PasswordHasher hasher;
  @Inject AccountViews views;

  public SignInOutcome signInWithPassword(String email, String password, String clientAddress) {
    Password given = Password.of(password);
    Instant now = clock.instant();
    Optional<EmailAddress> address = EmailAddress.parse(email);
    Optional<Account> found = address.flatMap(accounts::findByEmail);
    if (found.isEmpty() || !found.get().hasPassword()) {
      hasher.verifyAgainstNothing(given);
      audit.record(
          AuditEntry.of(AuditEvent.SIGN_IN_FAILED, now)
              .targetEmail(address.map(EmailAddress::value).orElse(abbreviate(email)))
              .detail(found.isEmpty() ? "password: no such account" : "password: none set")
              .clientAddress(clientAddress)
              .build());
      return new SignInOutcome.Refused(SignInOutcome.Reason.CREDENTIALS);
    }
    Account account = found.get();
    if (account.isSignInPaused(now)) {
      hasher.verifyAgainstNothing(given);
      return refusedWhilePaused(account, now, clientAddress);
    }

    boolean correct;
    if (given.length() > PasswordPolicy.MAX_LENGTH) {
      hasher.verifyAgainstNothing(given);
      correct = false;
    } else {
      correct = hasher.verify(given, account.getPasswordHash().orElseThrow());
    }
    // Concurrent attempts queue here; one that started before a pause began is refused too.
    Account locked = accounts.findByIdForUpdate(account.getId()).orElseThrow();
    if (locked.isSignInPaused(now)) {
      return refusedWhilePaused(locked, now, clientAddress);
    }
    if (!correct) {
      Optional<Duration> pause = locked.signInFailed(now);
      auditFor(locked, AuditEvent.SIGN_IN_FAILED, now, "password: wrong", clientAddress);
      pause.ifPresent(p -> paused(locked, p, now, clientAddress));
      return new SignInOutcome.Refused(SignInOutcome.Reason.CREDENTIALS);
    }
    if (!locked.isActive()) {
      auditFor(
          locked, AuditEvent.SIGN_IN_REFUSED, now, "password: account disabled", clientAddress);
      return new SignInOutcome.Refused(SignInOutcome.Reason.DISABLED);
    }
    locked.signedIn(now);
    auditFor(locked, AuditEvent.SIGN_IN_SUCCEEDED, now, "password", clientAddress);
    return new SignInOutcome.SignedIn(views.of(locked));
  }

  private SignInOutcome refusedWhilePaused(Account account, Instant now, String clientAddress) {
    LOG.warning(() -> "Password sign-in refused for account " + account.getId() + ": paused");
    auditFor(account, AuditEvent.SIGN_IN_REFUSED, now, "password: sign-in paused", clientAddress);
    return new SignInOutcome.Refused(SignInOutcome.Reason.CREDENTIALS);
  }

  private void paused(Account account, Duration pause, Instant now, String clientAddress) {
    LOG.warning(
        () ->
            "Password sign-in paused for "
                + pause.toSeconds()
                + " s after "
                + account.getFailedSignIns()
                + " consecutive failures on account "
                + account.getId());
    auditFor(
        account,
        AuditEvent.SIGN_IN_PAUSED,
        now,
        "failures: " + account.getFailedSignIns() + ", pause: " + pause.toSeconds() + " s",
        clientAddress);
  }

  private void auditFor(
      Account account, AuditEvent event, Instant now, String detail, String clientAddress) {
    audit.record(AuditEntry.byOwner(event, account, now, detail, clientAddress));
  }

  private static String abbreviate(String email) {
    if (email == null) {
      return null;
    }
    String stripped = email.strip();
    return stripped.length() <= EmailAddress.MAX_LENGTH
        ? stripped
        : stripped.substring(0, EmailAddress.MAX_LENGTH);
  }
}
