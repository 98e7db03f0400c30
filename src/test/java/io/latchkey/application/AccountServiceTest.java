package io.latchkey.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latchkey.application.exceptions.InvalidInputException;
import io.latchkey.domain.Account;
import io.latchkey.domain.ApiGrant;
import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.EmailAddress;
import io.latchkey.domain.IdentityKey;
import io.latchkey.domain.ProviderIdentity;
import io.latchkey.domain.Role;
import io.latchkey.testing.fakes.InMemoryAccounts;
import io.latchkey.testing.fakes.InMemoryApiGrants;
import io.latchkey.testing.fakes.RecordingAuditTrail;
import io.latchkey.testing.fakes.RecordingEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A user deleting their own account ({@link AccountService#deleteOwn}). */
class AccountServiceTest {

  private static final Instant NOW = Instant.parse("2025-03-02T10:00:00Z");
  private static final String CLIENT = "198.51.100.7";

  private final InMemoryAccounts accounts = new InMemoryAccounts();
  private final RecordingAuditTrail audit = new RecordingAuditTrail();
  private final InMemoryApiGrants grants = new InMemoryApiGrants();
  private final RecordingEvents<ApiRevocations.Ended> ended = new RecordingEvents<>();
  private final TokenVault vault = new TokenVault(Optional.of(ApiGrantsTest.KEY), List.of());
  private final AccountService service = new AccountService();

  private Account grace;

  @BeforeEach
  void wireServiceWithAProviderAccount() {
    service.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    service.accounts = accounts;
    service.audit = audit;
    service.views = new AccountViews(Optional.empty());
    service.apiGrants = ApiGrantsTest.records(service.clock, accounts, audit, grants, vault, ended);
    grace =
        Account.registerWithProvider(
            EmailAddress.parse("grace@example.test"), "Grace", NOW.minusSeconds(86_400));
    grace.link(
        new ProviderIdentity(
            new IdentityKey("https://id.example.test", "grace"),
            "grace@example.test",
            true,
            "Grace",
            null),
        NOW.minusSeconds(86_400));
    accounts.add(grace);
  }

  @Test
  void deletingMyAccountEndsItsApiGrantsForRevocationAndIsAuditedAsMine() {
    ApiGrant grant =
        ApiGrantsTest.grant(
            grants,
            vault,
            grace.getId(),
            grace.getIdentities().get(0).getId(),
            "grace-refresh-token",
            NOW.minusSeconds(600));

    service.deleteOwn(grace.getId(), CLIENT);

    assertEquals(List.of(), accounts.all(), "the account is gone");
    assertEquals(List.of(), grants.ofAccount(grace.getId()));
    assertEquals(
        new ApiRevocations.Ended(grace.getId(), grant.getId(), Optional.of("grace-refresh-token")),
        ended.only(),
        "its token is handed on for revocation at the provider");
    List<AuditEntry> entries = audit.entries();
    assertEquals(
        List.of(AuditEvent.API_DISCONNECTED, AuditEvent.ACCOUNT_DELETED),
        entries.stream().map(AuditEntry::getEventType).toList());
    AuditEntry deleted = entries.get(1);
    assertEquals(Optional.of(grace.getId()), deleted.getActorAccountId(), "by its owner");
    assertEquals(Optional.of(grace.getId()), deleted.getTargetAccountId());
    assertEquals(Optional.of("grace@example.test"), deleted.getTargetEmail(), "kept by the trail");
    assertEquals(Optional.of(CLIENT), deleted.getClientAddress());
  }

  @Test
  void anAdminCannotDeleteTheirOwnAccountHere() {
    grace.grant(Role.ADMIN, 0, NOW.minusSeconds(3_600));

    InvalidInputException refused =
        assertThrows(InvalidInputException.class, () -> service.deleteOwn(grace.getId(), CLIENT));

    assertEquals("deleteAccount.refused.admin", refused.messageKey());
    assertEquals(List.of(grace), accounts.all());
    assertEquals(List.of(), audit.entries());
  }
}
