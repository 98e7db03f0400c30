package io.latchkey.application;

import io.latchkey.application.exceptions.AccountNotFoundException;
import io.latchkey.application.exceptions.LinkRefusedException;
import io.latchkey.domain.Account;
import io.latchkey.domain.AccountRepository;
import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.AuditTrail;
import io.latchkey.domain.LastSignInMethodException;
import io.latchkey.domain.LinkedIdentity;
import io.latchkey.domain.LinkedIdentityRepository;
import io.latchkey.domain.NoSuchIdentityException;
import io.latchkey.domain.ProviderIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Linking provider identities to accounts and unlinking them, each change audited in its own
 * transaction. An identity linked to one account never moves to another.
 */
@ApplicationScoped
@Transactional
public class AccountLinkingService {

  @Inject Clock clock;
  @Inject AccountRepository accounts;
  @Inject LinkedIdentityRepository identities;
  @Inject AuditTrail audit;
  @Inject AccountViews views;
  @Inject SessionRecords sessionRecords;
  @Inject ApiGrantRecords apiGrants;

  /**
   * Links the identity to the account whose owner just proved it with the account's password
   * (checked by the caller through Jakarta Security, like every password). Every other session of
   * the account ends: whoever else had access before the email was proven (see the README's
   * pre-account-takeover policy) keeps none.
   *
   * @return signed in to the account with the identity linked (or found already linked to it, as
   *     when a second tab confirms the same link); refused when the account was disabled or the
   *     identity linked elsewhere in the meantime (the refusal stays audited)
   */
  public SignInOutcome linkConfirmed(
      long accountId, ProviderIdentity identity, String clientAddress) {
    Account account =
        accounts.findByIdForUpdate(accountId).orElseThrow(AccountNotFoundException::new);
    if (!account.isActive()) {
      return new SignInOutcome.Refused(SignInOutcome.Reason.DISABLED);
    }
    Optional<LinkedIdentity> existing = identities.find(identity.key());
    if (existing.isPresent()) {
      if (isLinkedTo(existing.get(), accountId)) {
        return new SignInOutcome.SignedIn(views.of(account), SignInOutcome.Notice.ALREADY_LINKED);
      }
      refused(account, identity, clientAddress);
      return new SignInOutcome.Refused(SignInOutcome.Reason.IDENTITY_LINKED_ELSEWHERE);
    }
    Instant now = clock.instant();
    apiGrants.endOfUnprovenIdentities(account, clientAddress);
    List<LinkedIdentity> removed = account.claimBy(identity, now);
    sessionRecords.endAllOf(account.getId(), null);
    accounts.flush();
    record(
        AuditEvent.IDENTITY_LINKED,
        account,
        now,
        ProviderAccountResolver.describe(identity, "confirmed with the account's password")
            + "; other sessions ended",
        clientAddress);
    ProviderAccountResolver.removedAtClaim(account, removed, now, clientAddress, audit);
    return new SignInOutcome.SignedIn(
        views.of(account), SignInOutcome.Notice.LINKED, removed.size());
  }

  /**
   * Links an identity to the signed-in account (after a recent authentication).
   *
   * @return the account with a notice: linked, already linked, or linked elsewhere (nothing
   *     changed, and the refusal stays audited); refused when the account is no longer active
   */
  public SignInOutcome link(long accountId, ProviderIdentity identity, String clientAddress) {
    Account account =
        accounts.findByIdForUpdate(accountId).orElseThrow(AccountNotFoundException::new);
    if (!account.isActive()) {
      return new SignInOutcome.Refused(SignInOutcome.Reason.DISABLED);
    }
    Optional<LinkedIdentity> existing = identities.find(identity.key());
    if (existing.isPresent()) {
      if (isLinkedTo(existing.get(), accountId)) {
        return completed(account, SignInOutcome.Notice.ALREADY_LINKED);
      }
      refused(account, identity, clientAddress);
      return completed(account, SignInOutcome.Notice.LINKED_ELSEWHERE);
    }
    Instant now = clock.instant();
    account.link(identity, now);
    accounts.flush();
    record(
        AuditEvent.IDENTITY_LINKED,
        account,
        now,
        ProviderAccountResolver.describe(identity, "linked while signed in"),
        clientAddress);
    return completed(account, SignInOutcome.Notice.IDENTITY_LINKED);
  }

  private static boolean isLinkedTo(LinkedIdentity linked, long accountId) {
    return linked.getAccount().getId() == accountId;
  }

  private SignInOutcome completed(Account account, SignInOutcome.Notice notice) {
    return new SignInOutcome.FlowCompleted(views.of(account), notice);
  }

  /**
   * Unlinks an identity from the account (after a recent authentication).
   *
   * @throws LinkRefusedException for the account's last sign-in method, or an identity that is not
   *     linked to this account
   */
  public void unlink(long accountId, long identityId, String clientAddress) {
    Account account =
        accounts.findByIdForUpdate(accountId).orElseThrow(AccountNotFoundException::new);
    LinkedIdentity removed;
    // The grant first: its row goes with the identity's. A refused unlink rolls both back.
    apiGrants.endOfIdentity(
        accountId, identityId, accountId, "identity removed by the owner", clientAddress);
    try {
      removed = account.unlink(identityId, false);
    } catch (LastSignInMethodException e) {
      throw new LinkRefusedException("unlink.lastMethod");
    } catch (NoSuchIdentityException e) {
      throw new LinkRefusedException("unlink.notFound");
    }
    record(
        AuditEvent.IDENTITY_UNLINKED,
        account,
        clock.instant(),
        "provider " + removed.getIssuer() + ", subject " + removed.getSubject(),
        clientAddress);
  }

  private void refused(Account account, ProviderIdentity identity, String clientAddress) {
    record(
        AuditEvent.IDENTITY_LINK_REFUSED,
        account,
        clock.instant(),
        ProviderAccountResolver.describe(identity, "already linked to another account"),
        clientAddress);
  }

  private void record(
      AuditEvent event, Account account, Instant now, String detail, String clientAddress) {
    audit.record(AuditEntry.byOwner(event, account, now, detail, clientAddress));
  }
}
