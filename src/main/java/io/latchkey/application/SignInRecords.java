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
 * The short transaction after a password was hashed ({@link SignInService}): the account is locked,
 * its failures counted or reset, and the attempt audited.
 */
@ApplicationScoped
@Transactional
public class SignInRecords {

  private static final Logger LOG = Logger.getLogger(SignInRecords.class.getName());

  @Inject AccountRepository accounts;
  @Inject AuditTrail audit;
  @Inject AccountViews views;

  /** The verdict for an account with a password, checked against it ({@code correct}). */
  public SignInOutcome decide(long accountId, boolean correct, Instant now, String clientAddress) {
    // Concurrent attempts queue here; one that started before a pause began is refused too.
    Optional<Account> found = accounts.findByIdForUpdate(accountId);
    if (found.isEmpty()) {
      return new SignInOutcome.Refused(SignInOutcome.Reason.CREDENTIALS);
    }
    Account locked = found.get();
    if (locked.isSignInPaused(now)) {
      LOG.warning(() -> "Password sign-in refused for account " + locked.getId() + ": paused");
      auditFor(locked, AuditEvent.SIGN_IN_REFUSED, now, "password: sign-in paused", clientAddress);
      return new SignInOutcome.Refused(SignInOutcome.Reason.CREDENTIALS);
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

  /** No account with this email, or one without a password. */
  public SignInOutcome noSuchPassword(
      String email, boolean noAccount, Instant now, String clientAddress) {
    audit.record(
        AuditEntry.of(AuditEvent.SIGN_IN_FAILED, now)
            .targetEmail(email)
            .detail(noAccount ? "password: no such account" : "password: none set")
            .clientAddress(clientAddress)
            .build());
    return new SignInOutcome.Refused(SignInOutcome.Reason.CREDENTIALS);
  }

  /** Too many attempts from this address, or no turn for a hash: the same refusal as any. */
  public SignInOutcome throttled(
      Optional<EmailAddress> address, String email, Instant now, String clientAddress) {
    audit.record(
        AuditEntry.of(AuditEvent.SIGN_IN_REFUSED, now)
            .targetEmail(address.map(EmailAddress::value).orElse(email))
            .detail("password: too many attempts")
            .clientAddress(clientAddress)
            .build());
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
}
