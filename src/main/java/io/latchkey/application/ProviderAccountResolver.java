package io.latchkey.application;

import io.latchkey.domain.Account;
import io.latchkey.domain.AccountRepository;
import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.AuditTrail;
import io.latchkey.domain.EmailAddress;
import io.latchkey.domain.ExternalProfile;
import io.latchkey.domain.LinkedIdentity;
import io.latchkey.domain.LinkedIdentityRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * One attempt, in one transaction of its own, to turn a provider identity into a signed-in account.
 * Used through {@link ProviderSignInService}, which retries it once after a lost race.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class ProviderAccountResolver {

  @Inject AccountRepository accounts;
  @Inject LinkedIdentityRepository identities;
  @Inject AuditTrail audit;
  @Inject AccountViews views;

  public SignInOutcome resolve(ExternalProfile profile, String clientAddress) {
    Instant now = Instant.now();
    String issuer = profile.subject().issuer();
    Optional<LinkedIdentity> linked = identities.find(profile.subject());
    if (linked.isPresent()) {
      Account account = accounts.findByIdForUpdate(linked.get().getAccount().getId()).orElseThrow();
      if (!account.isActive()) {
        record(
            AuditEvent.SIGN_IN_REFUSED,
            account,
            now,
            "provider " + issuer + ": disabled",
            clientAddress);
        return new SignInOutcome.Refused(SignInOutcome.Reason.DISABLED);
      }
      linked.get().used(now);
      account.signedInThroughProvider(now);
      record(AuditEvent.SIGN_IN_SUCCEEDED, account, now, "provider " + issuer, clientAddress);
      return new SignInOutcome.SignedIn(views.of(account));
    }

    Optional<Account> sameEmail = profile.anyEmail().flatMap(accounts::findByEmail);
    if (sameEmail.isPresent()) {
      // Never a silent merge: a verified email hands over to linking with the account's
      // password; an unverified one is not evidence of anything.
      boolean verified = profile.verifiedEmail().isPresent();
      record(
          AuditEvent.SIGN_IN_REFUSED,
          sameEmail.get(),
          now,
          "provider "
              + issuer
              + (verified ? ": link required" : ": unverified email of an account"),
          clientAddress);
      return new SignInOutcome.Refused(
          verified
              ? SignInOutcome.Reason.LINK_REQUIRED
              : SignInOutcome.Reason.UNVERIFIED_EMAIL_OF_ACCOUNT);
    }

    Account account =
        accounts.add(
            Account.registerWithProvider(profile.verifiedEmail(), profile.displayName(), now));
    account.signedInThroughProvider(now);
    identities.add(new LinkedIdentity(account, profile, now));
    record(AuditEvent.ACCOUNT_REGISTERED, account, now, "provider " + issuer, clientAddress);
    record(
        AuditEvent.IDENTITY_LINKED,
        account,
        now,
        "provider "
            + issuer
            + ", subject "
            + profile.subject().subject()
            + ", email "
            + profile.anyEmail().map(EmailAddress::value).orElse("none")
            + (profile.emailVerified() ? " (verified)" : " (not verified)"),
        clientAddress);
    record(AuditEvent.SIGN_IN_SUCCEEDED, account, now, "provider " + issuer, clientAddress);
    return new SignInOutcome.SignedIn(views.of(account));
  }

  private void record(
      AuditEvent event, Account account, Instant now, String detail, String clientAddress) {
    audit.record(AuditEntry.byOwner(event, account, now, detail, clientAddress));
  }
}
