package io.latchkey.application;

import io.latchkey.domain.Account;
import io.latchkey.domain.AccountRepository;
import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.AuditTrail;
import io.latchkey.domain.EmailAddress;
import io.latchkey.domain.LinkedIdentity;
import io.latchkey.domain.LinkedIdentityRepository;
import io.latchkey.domain.ProviderIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One attempt, in one transaction of its own, to turn a provider identity into a signed-in account.
 * Used through {@link ProviderSignInService}, which retries it once after a lost race.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class ProviderAccountResolver {

  @Inject Clock clock;
  @Inject AccountRepository accounts;
  @Inject LinkedIdentityRepository identities;
  @Inject AuditTrail audit;
  @Inject AccountViews views;
  @Inject LinkingPolicy policy;
  @Inject RegistrationPolicy registration;
  @Inject SessionRecords sessionRecords;
  @Inject ApiGrantRecords apiGrants;

  public SignInOutcome resolve(ProviderIdentity profile, String clientAddress) {
    Instant now = clock.instant();
    String issuer = profile.key().issuer();
    Optional<LinkedIdentity> linked = identities.find(profile.key());
    if (linked.isPresent()) {
      return signIn(linked.get(), now, clientAddress);
    }

    Optional<Account> sameEmail = profile.anyEmail().flatMap(accounts::findByEmail);
    if (sameEmail.isPresent()) {
      // A concurrent first sign-in of this identity may have committed its account between the two
      // look-ups: the account with this email is then its own, and is signed in to.
      Optional<LinkedIdentity> linkedMeanwhile = identities.find(profile.key());
      return linkedMeanwhile.isPresent()
          ? signIn(linkedMeanwhile.get(), now, clientAddress)
          : sameEmail(sameEmail.get(), profile, now, clientAddress);
    }

    if (!registration.mayRegister(profile)) {
      audit.record(
          AuditEntry.of(AuditEvent.SIGN_IN_REFUSED, now)
              .targetEmail(profile.anyEmail().map(EmailAddress::value).orElse(null))
              .detail("provider " + issuer + ": registration closed to this identity")
              .clientAddress(clientAddress)
              .build());
      return new SignInOutcome.Refused(SignInOutcome.Reason.NOT_REGISTERED);
    }
    Account account =
        Account.registerWithProvider(profile.verifiedEmail(), profile.displayName(), now);
    account.link(profile, now);
    account.signedInThroughProvider(now);
    accounts.add(account);
    record(AuditEvent.ACCOUNT_REGISTERED, account, now, "provider " + issuer, clientAddress);
    record(
        AuditEvent.IDENTITY_LINKED,
        account,
        now,
        describe(profile, "at registration"),
        clientAddress);
    record(AuditEvent.SIGN_IN_SUCCEEDED, account, now, "provider " + issuer, clientAddress);
    return new SignInOutcome.SignedIn(views.of(account));
  }

  private SignInOutcome signIn(LinkedIdentity linked, Instant now, String clientAddress) {
    Account account = accounts.findByIdForUpdate(linked.getAccount().getId()).orElseThrow();
    if (!account.isActive()) {
      return disabled(account, linked.getIssuer(), now, clientAddress);
    }
    linked.used(now);
    account.signedInThroughProvider(now);
    record(
        AuditEvent.SIGN_IN_SUCCEEDED,
        account,
        now,
        "provider " + linked.getIssuer(),
        clientAddress);
    return new SignInOutcome.SignedIn(views.of(account));
  }

  /**
   * A new identity whose email an account already has. Never a silent merge: an unverified email is
   * not evidence of anything; a verified one hands over to linking with the account's password, or,
   * where the deployment chose it, links at once. Linking at once also revokes the account's
   * password and ends its sessions: whoever set them never proved the email, the provider just did.
   */
  private SignInOutcome sameEmail(
      Account existing, ProviderIdentity profile, Instant now, String clientAddress) {
    String issuer = profile.key().issuer();
    if (profile.verifiedEmail().isEmpty()) {
      record(
          AuditEvent.SIGN_IN_REFUSED,
          existing,
          now,
          "provider " + issuer + ": unverified email of an account",
          clientAddress);
      return new SignInOutcome.Refused(SignInOutcome.Reason.UNVERIFIED_EMAIL_OF_ACCOUNT);
    }
    if (!policy.autoLinksVerifiedEmail()) {
      record(
          AuditEvent.SIGN_IN_REFUSED,
          existing,
          now,
          "provider " + issuer + ": link required",
          clientAddress);
      return new SignInOutcome.LinkRequired(
          existing.getId(), existing.getEmail().orElseThrow().value(), profile);
    }
    Account account = accounts.findByIdForUpdate(existing.getId()).orElseThrow();
    if (!account.isActive()) {
      return disabled(account, issuer, now, clientAddress);
    }
    boolean hadPassword = account.hasPassword();
    apiGrants.endOfUnprovenIdentities(account, clientAddress);
    List<LinkedIdentity> removed = account.claimBy(profile, now);
    if (hadPassword) {
      account.revokeUnprovenPassword();
    }
    sessionRecords.endAllOf(account.getId(), null);
    account.signedInThroughProvider(now);
    accounts.flush();
    record(
        AuditEvent.IDENTITY_LINKED,
        account,
        now,
        describe(profile, "auto-linked by verified email")
            + (hadPassword ? "; password revoked" : "")
            + "; other sessions ended",
        clientAddress);
    removedAtClaim(account, removed, now, clientAddress, audit);
    record(AuditEvent.SIGN_IN_SUCCEEDED, account, now, "provider " + issuer, clientAddress);
    return new SignInOutcome.SignedIn(
        views.of(account), SignInOutcome.Notice.AUTO_LINKED, removed.size());
  }

  /** Audits each identity that the verified owner's claim of the account removed. */
  static void removedAtClaim(
      Account account,
      List<LinkedIdentity> removed,
      Instant now,
      String clientAddress,
      AuditTrail audit) {
    for (LinkedIdentity identity : removed) {
      audit.record(
          AuditEntry.byOwner(
              AuditEvent.IDENTITY_UNLINKED,
              account,
              now,
              "provider "
                  + identity.getIssuer()
                  + ", subject "
                  + identity.getSubject()
                  + ": removed when the verified owner of the email claimed the account",
              clientAddress));
    }
  }

  private SignInOutcome disabled(
      Account account, String issuer, Instant now, String clientAddress) {
    record(
        AuditEvent.SIGN_IN_REFUSED,
        account,
        now,
        "provider " + issuer + ": disabled",
        clientAddress);
    return new SignInOutcome.Refused(SignInOutcome.Reason.DISABLED);
  }

  static String describe(ProviderIdentity profile, String how) {
    return "provider "
        + profile.key().issuer()
        + ", subject "
        + profile.key().subject()
        + ", email "
        + profile.anyEmail().map(EmailAddress::value).orElse("none")
        + (profile.emailVerified() ? " (verified)" : " (not verified)")
        + ", "
        + how;
  }

  private void record(
      AuditEvent event, Account account, Instant now, String detail, String clientAddress) {
    audit.record(AuditEntry.byOwner(event, account, now, detail, clientAddress));
  }
}
