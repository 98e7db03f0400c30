package io.latchkey.application;

import io.latchkey.application.exceptions.AccountNotFoundException;
import io.latchkey.application.exceptions.AdministrationRefusedException;
import io.latchkey.application.exceptions.InvalidInputException;
import io.latchkey.application.exceptions.SessionNotFoundException;
import io.latchkey.domain.Account;
import io.latchkey.domain.AccountQuery;
import io.latchkey.domain.AccountRepository;
import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.AuditQuery;
import io.latchkey.domain.AuditTrail;
import io.latchkey.domain.EmailAddress;
import io.latchkey.domain.LastSignInMethodException;
import io.latchkey.domain.LinkedIdentity;
import io.latchkey.domain.NoSuchIdentityException;
import io.latchkey.domain.Role;
import io.latchkey.domain.RoleGrant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The admin console's use cases. Every method requires the admin role here, in the application
 * layer, whatever the web layer checked before; every change is audited with the admin, the account
 * and the admin's reason, in the same transaction.
 *
 * <p>Rules: nobody removes the last admin (by revoking, disabling or deleting); admins do not
 * disable or delete their own account; the last way to sign in is removed only from a disabled
 * account. Changes to an account reach its sessions at their next request, on any instance: they
 * re-read the account each time.
 */
@Stateless
@RolesAllowed("admin")
public class AccountAdministrationService {

  public static final int MAX_REASON_LENGTH = 500;

  /** How many of an account's sessions its page lists (the rest are counted). */
  static final int LISTED_SESSIONS = 50;

  @Inject Clock clock;
  @Inject AccountRepository accounts;
  @Inject AuditTrail audit;
  @Inject AccountViews views;
  @Inject SessionRecords sessionRecords;
  @Inject ApiGrantRecords apiGrants;

  // Reading ------------------------------------------------------------------------------------

  public Page<AccountView> accounts(AccountQuery query, int page, int size) {
    return Page.of(
        accounts.search(query, page * size, size + 1).stream().map(views::of).toList(), page, size);
  }

  public AccountDetails details(long accountId) {
    Account account = find(accountId);
    List<RoleGrantView> roles = new ArrayList<>();
    for (RoleGrant grant : account.getRoleGrants()) {
      Long by = grant.getGrantedBy().orElse(null);
      roles.add(
          new RoleGrantView(
              grant.getRole().groupName(),
              by,
              by == null
                  ? null
                  : accounts
                      .findById(by)
                      .flatMap(Account::getEmail)
                      .map(EmailAddress::value)
                      .orElse(null),
              grant.getGrantedAt().orElse(null),
              false));
    }
    if (views.isConfiguredAdmin(account)) {
      roles.add(new RoleGrantView(Role.ADMIN.groupName(), null, null, null, true));
    }
    return new AccountDetails(
        views.of(account),
        account.getIdentities().stream().map(LinkedIdentityView::of).toList(),
        roles,
        sessionRecords.of(accountId, null, LISTED_SESSIONS),
        apiGrants.ofAccount(accountId),
        audit.search(AuditQuery.forAccount(accountId), 0, 20).stream()
            .map(AuditEntryView::of)
            .toList());
  }

  public Page<AuditEntryView> auditLog(AuditQuery query, int page, int size) {
    return Page.of(
        audit.search(query, page * size, size + 1).stream().map(AuditEntryView::of).toList(),
        page,
        size);
  }

  // Actions ------------------------------------------------------------------------------------

  public void disable(long adminId, long accountId, String reason, String clientAddress) {
    long admins = lockActiveAdmins();
    Account account = findForChange(accountId);
    refuseOwnAccount(adminId, accountId);
    refuseLastAdmin(account, admins);
    account.disable();
    sessionRecords.endAllOf(accountId, null);
    record(AuditEvent.ACCOUNT_DISABLED, adminId, account, reason, clientAddress);
  }

  public void enable(long adminId, long accountId, String reason, String clientAddress) {
    Account account = findForChange(accountId);
    account.enable();
    record(AuditEvent.ACCOUNT_ENABLED, adminId, account, reason, clientAddress);
  }

  public void unlinkIdentity(
      long adminId, long accountId, long identityId, String reason, String clientAddress) {
    Account account = findForChange(accountId);
    LinkedIdentity removed;
    // The grant first: its row goes with the identity's. A refused unlink rolls both back.
    apiGrants.endOfIdentity(
        accountId, identityId, adminId, "identity removed by an admin", clientAddress);
    try {
      removed = account.unlink(identityId, !account.isActive());
    } catch (LastSignInMethodException e) {
      throw new AdministrationRefusedException("admin.refused.lastMethod");
    } catch (NoSuchIdentityException e) {
      throw new AdministrationRefusedException("unlink.notFound");
    }
    record(
        AuditEvent.IDENTITY_UNLINKED,
        adminId,
        account,
        reason + " (provider " + removed.getIssuer() + ", subject " + removed.getSubject() + ")",
        clientAddress);
  }

  public void grantAdmin(long adminId, long accountId, String reason, String clientAddress) {
    Account account = findForChange(accountId);
    if (account.grant(Role.ADMIN, adminId, clock.instant())) {
      record(AuditEvent.ROLE_GRANTED, adminId, account, reason + " (admin)", clientAddress);
    }
  }

  public void revokeAdmin(long adminId, long accountId, String reason, String clientAddress) {
    long admins = lockActiveAdmins();
    Account account = findForChange(accountId);
    if (views.isConfiguredAdmin(account)) {
      throw new AdministrationRefusedException("admin.refused.configuredAdmin");
    }
    refuseLastAdmin(account, admins);
    if (account.revoke(Role.ADMIN)) {
      record(AuditEvent.ROLE_REVOKED, adminId, account, reason + " (admin)", clientAddress);
    }
  }

  /** Ends every session of the account and every API grant it made (revoked at the provider). */
  public void endSessions(long adminId, long accountId, String reason, String clientAddress) {
    Account account = findForChange(accountId);
    account.endAllSessions();
    sessionRecords.endAllOf(accountId, null);
    record(AuditEvent.SESSIONS_ENDED, adminId, account, reason, clientAddress);
    apiGrants.endAllOf(accountId, adminId, "ended by an admin: " + reason, clientAddress);
  }

  /** Ends one API grant of the account (revoked at the provider). */
  public void revokeApiGrant(
      long adminId, long accountId, String grantId, String reason, String clientAddress) {
    find(accountId);
    if (!apiGrants.end(
        accountId, grantId, adminId, "revoked by an admin: " + reason, clientAddress)) {
      throw new AdministrationRefusedException("grant.notFound");
    }
  }

  /**
   * Ends one session of the account (the others carry on).
   *
   * @throws SessionNotFoundException when it had ended already
   */
  public void endSession(
      long adminId, long accountId, String sessionId, String reason, String clientAddress) {
    Account account = find(accountId);
    String ended =
        sessionRecords.endOne(accountId, sessionId).orElseThrow(SessionNotFoundException::new);
    record(AuditEvent.SESSION_ENDED, adminId, account, reason + " (" + ended + ")", clientAddress);
  }

  /** Deletes the account and its identities; its audit entries keep its id and email. */
  public void delete(long adminId, long accountId, String reason, String clientAddress) {
    long admins = lockActiveAdmins();
    Account account = findForChange(accountId);
    refuseOwnAccount(adminId, accountId);
    refuseLastAdmin(account, admins);
    apiGrants.endAllOf(accountId, adminId, "account deleted by an admin", clientAddress);
    record(AuditEvent.ACCOUNT_DELETED, adminId, account, reason, clientAddress);
    accounts.remove(account);
  }

  // Rules --------------------------------------------------------------------------------------

  private Account find(long accountId) {
    return accounts.findById(accountId).orElseThrow(AccountNotFoundException::new);
  }

  private Account findForChange(long accountId) {
    return accounts.findByIdForUpdate(accountId).orElseThrow(AccountNotFoundException::new);
  }

  private static void refuseOwnAccount(long adminId, long accountId) {
    if (adminId == accountId) {
      throw new AdministrationRefusedException("admin.refused.self");
    }
  }

  /**
   * The active admins, counted under a lock on their rows. Taken before the account to change is
   * locked, so that every change that may remove an admin locks in the same order (admins by id,
   * then the account): two admins acting on each other queue instead of deadlocking.
   */
  private long lockActiveAdmins() {
    return accounts.countActiveWithGrantedRole(Role.ADMIN);
  }

  /** Refuses a change that would leave no active admin. */
  private void refuseLastAdmin(Account account, long admins) {
    if (!account.isActive() || !views.of(account).hasRole(Role.ADMIN)) {
      return;
    }
    Optional<Account> configured = views.configuredAdmin().flatMap(accounts::findByEmail);
    boolean configuredCounts =
        configured
            .filter(Account::isActive)
            .filter(views::isConfiguredAdmin)
            .filter(a -> !a.getRoles().contains(Role.ADMIN))
            .isPresent();
    if (admins + (configuredCounts ? 1 : 0) <= 1) {
      throw new AdministrationRefusedException("admin.refused.lastAdmin");
    }
  }

  private void record(
      AuditEvent event, long adminId, Account account, String reason, String clientAddress) {
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty() || why.length() > MAX_REASON_LENGTH) {
      throw new InvalidInputException("admin.reason.required");
    }
    audit.record(
        AuditEntry.of(event, clock.instant())
            .actor(adminId)
            .target(account)
            .detail("reason: " + why)
            .clientAddress(clientAddress)
            .build());
  }
}
