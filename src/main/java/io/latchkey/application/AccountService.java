package io.latchkey.application;

import io.latchkey.application.exceptions.AccountNotFoundException;
import io.latchkey.application.exceptions.InvalidInputException;
import io.latchkey.domain.Account;
import io.latchkey.domain.AccountRepository;
import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.AuditTrail;
import io.latchkey.domain.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** What people do with their own account once signed in. */
@ApplicationScoped
@Transactional
public class AccountService {

  @Inject Clock clock;
  @Inject AccountRepository accounts;
  @Inject AuditTrail audit;
  @Inject PasswordPolicy passwordPolicy;
  @Inject PasswordHasher hasher;
  @Inject AccountViews views;
  @Inject ApiGrantRecords apiGrants;

  /** The account as it is now, for the request at hand. */
  // In a transaction: the configured admin's view reads its linked identities (the bootstrap rule),
  // a lazy collection that Hibernate loads only inside one.
  public Optional<AccountView> find(long accountId) {
    return accounts.findWithRoles(accountId).map(views::of);
  }

  /**
   * The provider identities linked to the account, oldest first: one query, without the account and
   * its roles (already read for this request by the session check).
   */
  public List<LinkedIdentityView> linkedIdentities(long accountId) {
    return accounts.linkedIdentitiesOf(accountId).stream().map(LinkedIdentityView::of).toList();
  }

  /**
   * Changes the password, and ends every other session of the account. The caller has checked the
   * current password through the identity stores (so failures count towards the sign-in pause and
   * are audited like any sign-in).
   *
   * @return the account after the change; its session generation is the one the caller's own
   *     session must carry from now on
   * @throws io.latchkey.application.exceptions.PasswordRejectedException when the new password does
   *     not meet the policy
   */
  public AccountView changePassword(long accountId, String newPassword, String clientAddress) {
    Password chosen = Password.of(newPassword);
    passwordPolicy.check(chosen);
    String hash = hasher.hash(chosen);
    Account account =
        accounts.findByIdForUpdate(accountId).orElseThrow(AccountNotFoundException::new);
    if (!account.hasPassword()) {
      throw new InvalidInputException("password.current.incorrect");
    }
    account.changePasswordHash(hash);
    audit.record(
        AuditEntry.byOwner(
            AuditEvent.PASSWORD_CHANGED,
            account,
            clock.instant(),
            "other sessions ended",
            clientAddress));
    return views.of(account);
  }

  /**
   * Gives an account that signs in only through providers a password (after a recent
   * authentication).
   *
   * @return the account after the change; its other sessions have ended
   * @throws io.latchkey.application.exceptions.PasswordRejectedException when the password does not
   *     meet the policy
   * @throws InvalidInputException when the account already has a password or has no email
   */
  public AccountView setPassword(long accountId, String newPassword, String clientAddress) {
    Account account =
        accounts.findByIdForUpdate(accountId).orElseThrow(AccountNotFoundException::new);
    if (account.hasPassword() || account.getEmail().isEmpty()) {
      throw new InvalidInputException(
          account.hasPassword() ? "password.alreadySet" : "password.needsEmail");
    }
    Password chosen = Password.of(newPassword);
    passwordPolicy.check(chosen);
    account.setFirstPassword(hasher.hash(chosen));
    audit.record(
        AuditEntry.byOwner(
            AuditEvent.PASSWORD_SET,
            account,
            clock.instant(),
            "other sessions ended",
            clientAddress));
    return views.of(account);
  }

  /**
   * Deletes the account at its owner's request (after a recent authentication): its identities,
   * sessions and role grants go with it, and its API grants end here and at the provider (after the
   * commit). Its audit entries keep its id and email. An admin's own account is refused, as in the
   * console: another admin deletes it, which keeps the last-admin rule in one place.
   *
   * @throws InvalidInputException when the account holds the admin role
   */
  public void deleteOwn(long accountId, String clientAddress) {
    Account account =
        accounts.findByIdForUpdate(accountId).orElseThrow(AccountNotFoundException::new);
    if (views.of(account).hasRole(Role.ADMIN)) {
      throw new InvalidInputException("deleteAccount.refused.admin");
    }
    apiGrants.endAllOf(accountId, accountId, "account deleted by its owner", clientAddress);
    audit.record(
        AuditEntry.byOwner(
            AuditEvent.ACCOUNT_DELETED, account, clock.instant(), "by its owner", clientAddress));
    accounts.remove(account);
  }

  /** Audits a sign-out; the session itself is ended by the caller. */
  public void signedOut(long accountId, String clientAddress) {
    accounts
        .findById(accountId)
        .ifPresent(
            account ->
                audit.record(
                    AuditEntry.byOwner(
                        AuditEvent.SIGNED_OUT, account, clock.instant(), null, clientAddress)));
  }
}
