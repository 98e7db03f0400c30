package io.latchkey.application;

import io.latchkey.application.exceptions.AccountNotFoundException;
import io.latchkey.application.exceptions.LinkRefusedException;
import io.latchkey.domain.Account;
import io.latchkey.domain.AccountRepository;
import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.AuditTrail;
import io.latchkey.domain.ExternalProfile;
import io.latchkey.domain.LastSignInMethodException;
import io.latchkey.domain.LinkedIdentity;
import io.latchkey.domain.LinkedIdentityRepository;
import io.latchkey.domain.NoSuchIdentityException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Linking provider identities to accounts and unlinking them, each change audited in its own
 * transaction. An identity linked to one account never moves to another.
 */
@ApplicationScoped
@Transactional
public class AccountLinkingService {

  /** What came of connecting an identity while signed in. */
  public enum Connection {
    CONNECTED,
    ALREADY_CONNECTED,
    LINKED_ELSEWHERE
  }

  @Inject Clock clock;
  @Inject AccountRepository accounts;
  @Inject LinkedIdentityRepository identities;
  @Inject AuditTrail audit;
  @Inject AccountViews views;
  @Inject SignInService signIns;

  /**
   * The owner of an account proves it with the account's password, and the provider identity that
   * carries the same verified email is linked to it. The password attempt counts like one on the
   * sign-in page. Every other session of the account ends: whoever else had access before the email
   * was proven (see the README's pre-account-takeover policy) keeps none.
   *
   * @throws LinkRefusedException when the identity was linked elsewhere in the meantime
   */
  public SignInOutcome linkWithPassword(
      long accountId, ExternalProfile identity, String password, String clientAddress) {
    Account account = accounts.findById(accountId).orElseThrow(AccountNotFoundException::new);
    refuseIfLinked(identity, account, clientAddress);
    SignInOutcome check =
        signIns.signInWithPassword(
            account.getEmail().map(e -> e.value()).orElse(""), password, clientAddress);
    if (!(check instanceof SignInOutcome.SignedIn signedIn)
        || signedIn.account().id() != accountId) {
      return check;
    }
    Account locked = accounts.findByIdForUpdate(accountId).orElseThrow();
    Instant now = clock.instant();
    locked.link(identity, now);
    locked.endAllSessions();
    accounts.flush();
    record(
        AuditEvent.IDENTITY_LINKED,
        locked,
        now,
        ProviderAccountResolver.describe(identity, "confirmed with the account's password")
            + "; other sessions ended",
        clientAddress);
    return new SignInOutcome.SignedIn(views.of(locked), true);
  }

  /** Links an identity to the signed-in account (after a recent authentication). */
  public Connection connect(long accountId, ExternalProfile identity, String clientAddress) {
    Account account =
        accounts.findByIdForUpdate(accountId).orElseThrow(AccountNotFoundException::new);
    Optional<LinkedIdentity> existing = identities.find(identity.subject());
    if (existing.isPresent()) {
      if (existing.get().getAccount().getId().equals(accountId)) {
        return Connection.ALREADY_CONNECTED;
      }
      refused(account, identity, clientAddress);
      return Connection.LINKED_ELSEWHERE;
    }
    Instant now = clock.instant();
    account.link(identity, now);
    accounts.flush();
    record(
        AuditEvent.IDENTITY_LINKED,
        account,
        now,
        ProviderAccountResolver.describe(identity, "connected while signed in"),
        clientAddress);
    return Connection.CONNECTED;
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

  private void refuseIfLinked(ExternalProfile identity, Account account, String clientAddress) {
    if (identities.find(identity.subject()).isPresent()) {
      refused(account, identity, clientAddress);
      throw new LinkRefusedException("link.linkedElsewhere");
    }
  }

  private void refused(Account account, ExternalProfile identity, String clientAddress) {
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
