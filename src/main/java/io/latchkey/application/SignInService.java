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

  @Inject AccountRepository accounts;
  @Inject AuditTrail audit;
  @Inject PasswordHasher hasher;
  @Inject AccountViews views;

  public SignInOutcome signInWithPassword(String email, String password, String clientAddress) {
    Password given = Password.of(password);
    Instant now = Instant.now();
    Optional<Account> found = EmailAddress.parse(email).flatMap(accounts::findByEmail);
    if (found.isEmpty()
        || !found.get().hasPassword()
        || given.length() > PasswordPolicy.MAX_LENGTH) {
      hasher.verifyAgainstNothing(given);
      audit.record(
          AuditEntry.of(AuditEvent.SIGN_IN_FAILED, now)
              .targetEmail(found.map(a -> a.getEmail().value()).orElse(abbreviate(email)))
              .detail(found.isEmpty() ? "password: no such account" : "password: none set")
              .clientAddress(clientAddress)
              .build());
      return new SignInOutcome.Refused(SignInOutcome.Reason.CREDENTIALS);
    }
    Account account = found.get();
    if (account.isSignInPaused(now)) {
      hasher.verifyAgainstNothing(given);
      LOG.warning(() -> "Password sign-in refused for account " + account.getId() + ": paused");
      auditFor(account, AuditEvent.SIGN_IN_REFUSED, now, "password: sign-in paused", clientAddress);
      return new SignInOutcome.Refused(SignInOutcome.Reason.CREDENTIALS);
    }

    boolean correct = hasher.verify(given, account.getPasswordHash().orElseThrow());
    Account locked = accounts.findByIdForUpdate(account.getId()).orElseThrow();
    if (!correct) {
      Optional<Duration> pause = locked.signInFailed(now);
      auditFor(locked, AuditEvent.SIGN_IN_FAILED, now, "password: wrong", clientAddress);
      pause.ifPresent(
          p -> {
            LOG.warning(
                () ->
                    "Password sign-in paused for "
                        + p.toSeconds()
                        + " s after "
                        + locked.getFailedSignIns()
                        + " consecutive failures on account "
                        + locked.getId());
            auditFor(
                locked,
                AuditEvent.SIGN_IN_PAUSED,
                now,
                "failures: " + locked.getFailedSignIns() + ", pause: " + p.toSeconds() + " s",
                clientAddress);
          });
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

  private void auditFor(
      Account account, AuditEvent event, Instant now, String detail, String clientAddress) {
    audit.record(
        AuditEntry.of(event, now)
            .actor(account.getId())
            .target(account)
            .detail(detail)
            .clientAddress(clientAddress)
            .build());
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
