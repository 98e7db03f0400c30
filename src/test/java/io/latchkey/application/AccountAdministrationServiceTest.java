package io.latchkey.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.application.exceptions.AdministrationRefusedException;
import io.latchkey.domain.Account;
import io.latchkey.domain.AccountStatus;
import io.latchkey.domain.ApiGrant;
import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.AuditQuery;
import io.latchkey.domain.AuditTrail;
import io.latchkey.domain.EmailAddress;
import io.latchkey.domain.IdentityKey;
import io.latchkey.domain.ProviderIdentity;
import io.latchkey.domain.Role;
import io.latchkey.testing.fakes.InMemoryAccounts;
import io.latchkey.testing.fakes.InMemoryApiGrants;
import io.latchkey.testing.fakes.RecordingAuditTrail;
import io.latchkey.testing.fakes.RecordingEvents;
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
  private final InMemoryApiGrants grants = new InMemoryApiGrants();
  private final RecordingEvents<ApiRevocations.Ended> ended = new RecordingEvents<>();
  private final TokenVault vault = new TokenVault(Optional.of(ApiGrantsTest.KEY), List.of());
  private Account root;
  private Account formerAdmin;

  @BeforeEach
  void wireServiceWithOneActiveAdmin() {
    service.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    service.accounts = accounts;
    service.audit = audit;
    service.sessionRecords = SessionRecordsTest.records(service.clock, accounts, audit);
    service.apiGrants = ApiGrantsTest.records(service.clock, accounts, audit, grants, vault, ended);
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

  // API grants ---------------------------------------------------------------------------------

  @Test
  void deletingAnAccountEndsEveryApiGrantItMade() {
    Account user = withTwoIdentities("user@example.test");
    ApiGrant first = grant(user, 0, "first-token");
    ApiGrant second = grant(user, 1, "second-token");
    Account other = withTwoIdentities("other@example.test");
    ApiGrant others = grant(other, 0, "others-token");

    delete(root, user);

    assertEquals(List.of(), grants.ofAccount(user.getId()));
    assertEquals(List.of(others), grants.ofAccount(other.getId()), "another account's stays");
    assertEquals(
        List.of(
            new ApiRevocations.Ended(user.getId(), first.getId(), Optional.of("first-token")),
            new ApiRevocations.Ended(user.getId(), second.getId(), Optional.of("second-token"))),
        ended.fired());
    assertEquals(
        List.of(
            AuditEvent.API_DISCONNECTED, AuditEvent.API_DISCONNECTED, AuditEvent.ACCOUNT_DELETED),
        audit.events());
    AuditEntry entry = audit.entries().get(0);
    assertEquals(Optional.of(root.getId()), entry.getActorAccountId());
    assertEquals(Optional.of(user.getId()), entry.getTargetAccountId());
    assertEquals(Optional.of("user@example.test"), entry.getTargetEmail());
    assertEquals(Optional.of(CLIENT), entry.getClientAddress());
  }

  @Test
  void aRefusedDeletionEndsNoApiGrant() {
    ApiGrant grant = grant(root, linkIdentity(root), "roots-token");

    assertRefused("admin.refused.lastAdmin", () -> delete(formerAdmin, root));

    assertEquals(List.of(grant), grants.ofAccount(root.getId()));
    assertEquals(List.of(), ended.fired());
  }

  @Test
  void endingSessionsEndsEveryApiGrantToo() {
    Account user = withTwoIdentities("user@example.test");
    ApiGrant first = grant(user, 0, "first-token");
    ApiGrant second = grant(user, 1, "second-token");
    int generation = user.getSessionGeneration();

    service.endSessions(root.getId(), user.getId(), REASON, CLIENT);

    assertEquals(generation + 1, user.getSessionGeneration());
    assertEquals(List.of(), grants.ofAccount(user.getId()));
    assertEquals(
        List.of(first.getId(), second.getId()),
        ended.fired().stream().map(ApiRevocations.Ended::grantId).toList());
    assertEquals(
        List.of(
            AuditEvent.SESSIONS_ENDED, AuditEvent.API_DISCONNECTED, AuditEvent.API_DISCONNECTED),
        audit.events());
    AuditEntry entry = audit.entries().get(1);
    assertEquals(Optional.of(root.getId()), entry.getActorAccountId());
    String detail = entry.getDetail().orElseThrow();
    assertTrue(detail.startsWith("ended by an admin: " + REASON), detail);
  }

  @Test
  void anAdminRevokesOneApiGrant() {
    Account user = withTwoIdentities("user@example.test");
    ApiGrant revoked = grant(user, 0, "first-token");
    ApiGrant kept = grant(user, 1, "second-token");

    service.revokeApiGrant(root.getId(), user.getId(), revoked.getId(), REASON, CLIENT);

    assertEquals(List.of(kept), grants.ofAccount(user.getId()));
    assertEquals(
        new ApiRevocations.Ended(user.getId(), revoked.getId(), Optional.of("first-token")),
        ended.only());
    AuditEntry entry = audit.only();
    assertEquals(AuditEvent.API_DISCONNECTED, entry.getEventType());
    assertEquals(Optional.of(root.getId()), entry.getActorAccountId());
    assertEquals(Optional.of(user.getId()), entry.getTargetAccountId());
    String detail = entry.getDetail().orElseThrow();
    assertTrue(detail.startsWith("revoked by an admin: " + REASON), detail);
  }

  @Test
  void revokingAnUnknownApiGrantIsRefused() {
    Account user = withTwoIdentities("user@example.test");
    Account other = withTwoIdentities("other@example.test");
    ApiGrant others = grant(other, 0, "others-token");

    assertRefused(
        "grant.notFound",
        () -> service.revokeApiGrant(root.getId(), user.getId(), "no-such-grant", REASON, CLIENT));
    assertRefused(
        "grant.notFound",
        () -> service.revokeApiGrant(root.getId(), user.getId(), others.getId(), REASON, CLIENT));

    assertEquals(List.of(others), grants.ofAccount(other.getId()), "not through another account");
    assertEquals(List.of(), ended.fired());
    assertEquals(List.of(), audit.events());
  }

  @Test
  void removingAnIdentityEndsItsApiGrant() {
    Account user = withTwoIdentities("user@example.test");
    ApiGrant removed = grant(user, 0, "first-token");
    ApiGrant kept = grant(user, 1, "second-token");

    service.unlinkIdentity(
        root.getId(), user.getId(), user.getIdentities().get(0).getId(), REASON, CLIENT);

    assertEquals(List.of(kept), grants.ofAccount(user.getId()));
    assertEquals(removed.getId(), ended.only().grantId());
    assertEquals(
        List.of(AuditEvent.API_DISCONNECTED, AuditEvent.IDENTITY_UNLINKED), audit.events());
    assertEquals(Optional.of(root.getId()), audit.entries().get(0).getActorAccountId());
  }

  @Test
  void theDetailsListTheApiGrants() {
    Account user = withTwoIdentities("user@example.test");
    ApiGrant newer = grant(user, 1, "second-token");
    ApiGrant older = grant(user, 0, "first-token");
    service.audit = new SearchlessAudit(audit);

    AccountDetails details = service.details(user.getId());

    assertEquals(
        List.of(older.getId(), newer.getId()),
        details.apiGrants().stream().map(ApiGrantView::id).toList(),
        "oldest first");
    ApiGrantView view = details.apiGrants().get(0);
    assertEquals(user.getIdentities().get(0).getId(), view.identityId());
    assertEquals(older.getGrantedAt(), view.grantedAt());
    assertEquals(List.of(ApiGrantsTest.DRIVE), view.scopes());
    assertFalse(view.revoked());
    assertEquals(List.of(), grantsOf(root), "not another account's");
  }

  // Helpers --------------------------------------------------------------------------------------

  /** An account without a password, with two identities (so that either one may go). */
  private Account withTwoIdentities(String email) {
    Account account =
        Account.registerWithProvider(
            EmailAddress.parse(email), "Someone", NOW.minus(Duration.ofDays(1)));
    for (String subject : List.of(email + "-one", email + "-two")) {
      account.link(
          new ProviderIdentity(
              new IdentityKey("https://id.example.test", subject), email, true, "Someone", null),
          NOW.minus(Duration.ofDays(1)));
    }
    return accounts.add(account);
  }

  /** Links an identity to the account; returns its index. */
  private int linkIdentity(Account account) {
    account.link(
        new ProviderIdentity(
            new IdentityKey("https://id.example.test", "root-sub"), null, false, "Root", null),
        NOW.minus(Duration.ofDays(1)));
    accounts.flush();
    return account.getIdentities().size() - 1;
  }

  /** A grant through the account's {@code index}th identity, made some time before now. */
  private ApiGrant grant(Account account, int index, String refreshToken) {
    return ApiGrantsTest.grant(
        grants,
        vault,
        account.getId(),
        account.getIdentities().get(index).getId(),
        refreshToken,
        NOW.minus(Duration.ofMinutes(10 - index)));
  }

  private List<ApiGrantView> grantsOf(Account account) {
    return service.apiGrants.ofAccount(account.getId());
  }

  /** The recording trail, with an empty search (the details show the account's recent entries). */
  private record SearchlessAudit(RecordingAuditTrail recording) implements AuditTrail {
    @Override
    public void record(AuditEntry entry) {
      recording.record(entry);
    }

    @Override
    public List<AuditEntry> search(AuditQuery query, int offset, int limit) {
      return List.of();
    }

    @Override
    public List<AuditEntry> searchAfter(
        AuditQuery query, Instant lastOccurredAt, long lastId, int limit) {
      return List.of();
    }
  }

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
