package io.latchkey.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.application.exceptions.AdministrationRefusedException;
import io.latchkey.domain.Account;
import io.latchkey.domain.AccountStatus;
import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.EmailAddress;
import io.latchkey.domain.IdentityKey;
import io.latchkey.domain.ProviderIdentity;
import io.latchkey.domain.Role;
import io.latchkey.testing.fakes.InMemoryAccounts;
import io.latchkey.testing.fakes.RecordingAuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The admin rules of {@link AccountAdministrationService}: there is always an active admin left,
 * counting the configured one ({@code LATCHKEY_ADMIN_EMAIL}) once, and admins do not disable or
 * delete their own account.
 */
class AccountAdministrationServiceTest {

  private static final Instant NOW = Instant.parse("2025-03-02T10:00:00Z");
  private static final String CLIENT = "198.51.100.7";
  private static final String REASON = "ticket 42";
  private static final String CONFIGURED = "boss@example.test";

  private final InMemoryAccounts accounts = new InMemoryAccounts();
  private final RecordingAuditTrail audit = new RecordingAuditTrail();
  private final AccountAdministrationService service = new AccountAdministrationService();
  private Account root;
  private Account formerAdmin;

  @BeforeEach
  void wireServiceWithOneActiveAdmin() {
    service.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    service.accounts = accounts;
    service.audit = audit;
    service.sessionRecords = SessionRecordsTest.records(service.clock, accounts, audit);
    configureAdmin(null);
    root = admin("root@example.test");
    formerAdmin = admin("former@example.test");
    formerAdmin.disable();
  }

  // The last admin -----------------------------------------------------------------------------

  @Test
  void revokingTheLastActiveAdminIsRefused() {
    assertRefused("admin.refused.lastAdmin", () -> revokeAdmin(root, root));

    assertEquals(Set.of(Role.USER, Role.ADMIN), root.getRoles());
    assertEquals(List.of(), audit.events());
  }

  @Test
  void disablingTheLastActiveAdminIsRefused() {
    assertRefused("admin.refused.lastAdmin", () -> disable(formerAdmin, root));

    assertEquals(AccountStatus.ACTIVE, root.getStatus());
    assertEquals(List.of(), audit.events());
  }

  @Test
  void deletingTheLastActiveAdminIsRefused() {
    assertRefused("admin.refused.lastAdmin", () -> delete(formerAdmin, root));

    assertEquals(Optional.of(root), accounts.findById(root.getId()));
    assertEquals(List.of(), audit.events());
  }

  @Test
  void aSecondActiveAdminAllowsRevokingTheFirst() {
    Account second = admin("second@example.test");

    revokeAdmin(second, root);

    assertEquals(Set.of(Role.USER), root.getRoles());
    AuditEntry entry = audit.only();
    assertEquals(AuditEvent.ROLE_REVOKED, entry.getEventType());
    assertEquals(Optional.of(second.getId()), entry.getActorAccountId());
    assertEquals(Optional.of(root.getId()), entry.getTargetAccountId());
    assertEquals(Optional.of("reason: " + REASON + " (admin)"), entry.getDetail());
    assertEquals(NOW, entry.getOccurredAt());
  }

  @Test
  void aSecondActiveAdminAllowsDisablingTheFirst() {
    Account second = admin("second@example.test");
    int generation = root.getSessionGeneration();

    disable(second, root);

    assertEquals(AccountStatus.DISABLED, root.getStatus());
    assertEquals(generation + 1, root.getSessionGeneration(), "its sessions end");
    assertEquals(List.of(AuditEvent.ACCOUNT_DISABLED), audit.events());
  }

  @Test
  void aSecondActiveAdminAllowsDeletingTheFirst() {
    Account second = admin("second@example.test");

    delete(second, root);

    assertEquals(Optional.empty(), accounts.findById(root.getId()));
    AuditEntry entry = audit.only();
    assertEquals(AuditEvent.ACCOUNT_DELETED, entry.getEventType());
    assertEquals(Optional.of("root@example.test"), entry.getTargetEmail(), "kept after deletion");
  }

  @Test
  void anAdminMayRevokeTheirOwnRoleWhileAnotherAdminRemains() {
    admin("second@example.test");

    revokeAdmin(root, root);

    assertEquals(Set.of(Role.USER), root.getRoles());
  }

  // Their own account --------------------------------------------------------------------------

  @Test
  void anAdminCannotDisableTheirOwnAccountEvenWithAnotherAdmin() {
    admin("second@example.test");

    assertRefused("admin.refused.self", () -> disable(root, root));

    assertEquals(AccountStatus.ACTIVE, root.getStatus());
    assertEquals(List.of(), audit.events());
  }

  @Test
  void anAdminCannotDeleteTheirOwnAccountEvenWithAnotherAdmin() {
    admin("second@example.test");

    assertRefused("admin.refused.self", () -> delete(root, root));

    assertEquals(Optional.of(root), accounts.findById(root.getId()));
    assertEquals(List.of(), audit.events());
  }

  // The configured admin -----------------------------------------------------------------------

  @Test
  void anActiveConfiguredAdminCountsAsAnotherAdmin() {
    configureAdmin(CONFIGURED);
    Account boss = user(CONFIGURED);

    revokeAdmin(boss, root);

    assertEquals(Set.of(Role.USER), root.getRoles());
  }

  @Test
  void aDisabledConfiguredAdminDoesNotCount() {
    configureAdmin(CONFIGURED);
    user(CONFIGURED).disable();

    assertRefused("admin.refused.lastAdmin", () -> revokeAdmin(formerAdmin, root));

    assertTrue(root.getRoles().contains(Role.ADMIN));
  }

  @Test
  void aConfiguredAdminWithAGrantedRoleIsCountedOnce() {
    configureAdmin(CONFIGURED);
    root.revoke(Role.ADMIN);
    Account boss = admin(CONFIGURED);

    assertRefused("admin.refused.lastAdmin", () -> disable(formerAdmin, boss));

    assertEquals(AccountStatus.ACTIVE, boss.getStatus());
  }

  @Test
  void theConfiguredAdminsRoleCannotBeRevoked() {
    configureAdmin(CONFIGURED);
    Account boss = admin(CONFIGURED);

    assertRefused("admin.refused.configuredAdmin", () -> revokeAdmin(root, boss));

    assertTrue(boss.getRoles().contains(Role.ADMIN));
  }

  // Helpers --------------------------------------------------------------------------------------

  private void configureAdmin(String email) {
    service.views = new AccountViews(Optional.ofNullable(email));
  }

  /** An account; the configured admin's also has an identity whose provider proved its email. */
  private Account user(String email) {
    Account account =
        Account.registerWithPassword(
            new EmailAddress(email), "Someone", "hash", NOW.minus(Duration.ofDays(1)));
    if (email.equals(CONFIGURED)) {
      account.link(
          new ProviderIdentity(
              new IdentityKey("https://id.example.test", "boss"), email, true, "Boss", null),
          NOW.minus(Duration.ofDays(1)));
    }
    return accounts.add(account);
  }

  @Test
  void aConfiguredAdminEmailThatNoProviderProvedIsNoAdmin() {
    configureAdmin(CONFIGURED);
    Account squatter =
        accounts.add(
            Account.registerWithPassword(
                new EmailAddress(CONFIGURED), "Squatter", "hash", NOW.minus(Duration.ofDays(1))));

    assertFalse(service.views.of(squatter).hasRole(Role.ADMIN));
    assertRefused("admin.refused.lastAdmin", () -> revokeAdmin(formerAdmin, root));
  }

  private Account admin(String email) {
    Account account = user(email);
    account.grant(Role.ADMIN, 0, NOW.minus(Duration.ofDays(1)));
    return account;
  }

  private void revokeAdmin(Account admin, Account account) {
    service.revokeAdmin(admin.getId(), account.getId(), REASON, CLIENT);
  }

  private void disable(Account admin, Account account) {
    service.disable(admin.getId(), account.getId(), REASON, CLIENT);
  }

  private void delete(Account admin, Account account) {
    service.delete(admin.getId(), account.getId(), REASON, CLIENT);
  }

  private static void assertRefused(String messageKey, Executable action) {
    assertEquals(
        messageKey,
        assertThrows(AdministrationRefusedException.class, action).messageKey(),
        "refused for the right rule");
  }
}
