package io.latchkey.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.application.SignInOutcome.Notice;
import io.latchkey.application.SignInOutcome.Reason;
import io.latchkey.application.exceptions.AccountNotFoundException;
import io.latchkey.application.exceptions.LinkRefusedException;
import io.latchkey.domain.Account;
import io.latchkey.domain.ApiGrant;
import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.EmailAddress;
import io.latchkey.domain.IdentityKey;
import io.latchkey.domain.LinkedIdentity;
import io.latchkey.domain.ProviderIdentity;
import io.latchkey.testing.fakes.InMemoryAccounts;
import io.latchkey.testing.fakes.InMemoryApiGrants;
import io.latchkey.testing.fakes.InMemoryIdentities;
import io.latchkey.testing.fakes.RecordingAuditTrail;
import io.latchkey.testing.fakes.RecordingEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountLinkingServiceTest {

  private static final Instant NOW = Instant.parse("2025-03-02T10:00:00Z");
  private static final String ISSUER = "https://id.example.test";
  private static final String CLIENT = "198.51.100.7";

  private final InMemoryAccounts accounts = new InMemoryAccounts();
  private final RecordingAuditTrail audit = new RecordingAuditTrail();
  private final AccountViews views = new AccountViews(Optional.empty());
  private final AccountLinkingService service = new AccountLinkingService();
  private final InMemoryApiGrants grants = new InMemoryApiGrants();
  private final RecordingEvents<ApiRevocations.Ended> ended = new RecordingEvents<>();
  private final TokenVault vault = new TokenVault(Optional.of(ApiGrantsTest.KEY), List.of());

  /** Ada's identity: its provider verified Ada's email, as for every link confirmed on /link. */
  private final ProviderIdentity identity =
      new ProviderIdentity(
          new IdentityKey(ISSUER, "ada-at-provider"), "ada@example.test", true, "Ada", null);

  private Account ada;
  private Account grace;

  @BeforeEach
  void wireServiceWithTwoAccounts() {
    service.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    service.accounts = accounts;
    service.identities = new InMemoryIdentities(accounts);
    service.audit = audit;
    service.views = views;
    service.sessionRecords = SessionRecordsTest.records(service.clock, accounts, audit);
    service.apiGrants = ApiGrantsTest.records(service.clock, accounts, audit, grants, vault, ended);
    ada = accounts.add(withPassword("ada@example.test"));
    grace = accounts.add(providerOnly("grace@example.test", identity("grace-at-provider")));
  }

  // Linking with the account's password ----------------------------------------------------------

  @Test
  void aConfirmedLinkSignsInWithTheIdentityLinked() {
    SignInOutcome outcome = service.linkConfirmed(ada.getId(), identity, CLIENT);

    assertEquals(new SignInOutcome.SignedIn(views.of(ada), Notice.LINKED), outcome);
    LinkedIdentity linked = onlyIdentityOf(ada);
    assertEquals(identity.key(), linked.getIdentityKey());
    assertEquals(NOW, linked.getLinkedAt());
    assertEquals(1, accounts.flushes(), "written at once, so that a lost race shows here");
    AuditEntry entry = audit.only();
    assertOwnEntry(AuditEvent.IDENTITY_LINKED, ada, entry);
    assertEquals(
        Optional.of(
            "provider https://id.example.test, subject ada-at-provider,"
                + " email ada@example.test (verified),"
                + " confirmed with the account's password; other sessions ended"),
        entry.getDetail());
  }

  @Test
  void aConfirmedLinkEndsEveryOtherSessionOfTheAccount() {
    int generation = ada.getSessionGeneration();

    SignInOutcome outcome = service.linkConfirmed(ada.getId(), identity, CLIENT);

    assertEquals(generation + 1, ada.getSessionGeneration());
    AccountView signedIn = assertInstanceOf(SignInOutcome.SignedIn.class, outcome).account();
    assertEquals(generation + 1, signedIn.sessionGeneration(), "the new session is the valid one");
  }

  @Test
  void aConfirmedLinkOfAnIdentityLinkedElsewhereIsRefusedAndTheRefusalStaysAudited() {
    ProviderIdentity gracesIdentity = identity("grace-at-provider");
    int generation = ada.getSessionGeneration();

    SignInOutcome outcome = service.linkConfirmed(ada.getId(), gracesIdentity, CLIENT);

    assertEquals(new SignInOutcome.Refused(Reason.IDENTITY_LINKED_ELSEWHERE), outcome);
    assertEquals(List.of(), ada.getIdentities());
    assertEquals(grace, onlyIdentityOf(grace).getAccount(), "the identity stays where it is");
    assertEquals(generation, ada.getSessionGeneration());
    AuditEntry entry = audit.only();
    assertOwnEntry(AuditEvent.IDENTITY_LINK_REFUSED, ada, entry);
    assertDetailEndsWith("already linked to another account", entry);
  }

  /**
   * Two tabs waiting to link the same identity: the second confirmation, with the account's
   * password, finds the identity linked to this very account, which is not "elsewhere".
   */
  @Test
  void aConfirmedLinkOfAnIdentityAlreadyLinkedToThisAccountSignsInWithoutARefusal() {
    service.linkConfirmed(ada.getId(), identity, CLIENT);
    int generation = ada.getSessionGeneration();

    SignInOutcome outcome = service.linkConfirmed(ada.getId(), identity, CLIENT);

    assertEquals(new SignInOutcome.SignedIn(views.of(ada), Notice.ALREADY_LINKED), outcome);
    assertEquals(identity.key(), onlyIdentityOf(ada).getIdentityKey());
    assertEquals(generation, ada.getSessionGeneration(), "the first link ended the sessions");
    assertEquals(List.of(AuditEvent.IDENTITY_LINKED), audit.events(), "no refusal is recorded");
  }

  @Test
  void aConfirmedLinkToADisabledAccountIsRefused() {
    ada.disable();
    int generation = ada.getSessionGeneration();

    SignInOutcome outcome = service.linkConfirmed(ada.getId(), identity, CLIENT);

    assertEquals(new SignInOutcome.Refused(Reason.DISABLED), outcome);
    assertEquals(List.of(), ada.getIdentities());
    assertEquals(generation, ada.getSessionGeneration());
    assertEquals(List.of(), audit.events());
  }

  @Test
  void aConfirmedLinkToAnAccountThatIsGoneFails() {
    assertThrows(AccountNotFoundException.class, () -> service.linkConfirmed(99, identity, CLIENT));
    assertEquals(List.of(onlyIdentityOf(grace)), accounts.identities(), "nothing was linked");
  }

  // Linking while signed in --------------------------------------------------------------------

  @Test
  void aSignedInUserLinksAnotherIdentityWithoutEndingTheirSessions() {
    int generation = ada.getSessionGeneration();

    SignInOutcome outcome = service.link(ada.getId(), identity, CLIENT);

    assertEquals(new SignInOutcome.FlowCompleted(views.of(ada), Notice.IDENTITY_LINKED), outcome);
    assertEquals(identity.key(), onlyIdentityOf(ada).getIdentityKey());
    assertEquals(generation, ada.getSessionGeneration());
    AuditEntry entry = audit.only();
    assertOwnEntry(AuditEvent.IDENTITY_LINKED, ada, entry);
    assertDetailEndsWith("linked while signed in", entry);
  }

  @Test
  void linkingAnIdentityAlreadyLinkedToThisAccountChangesNothing() {
    service.link(ada.getId(), identity, CLIENT);
    List<AuditEvent> before = audit.events();

    SignInOutcome outcome = service.link(ada.getId(), identity, CLIENT);

    assertEquals(new SignInOutcome.FlowCompleted(views.of(ada), Notice.ALREADY_LINKED), outcome);
    assertEquals(identity.key(), onlyIdentityOf(ada).getIdentityKey());
    assertEquals(before, audit.events());
  }

  @Test
  void aRefusedLinkStaysAudited() {
    SignInOutcome outcome = service.link(ada.getId(), identity("grace-at-provider"), CLIENT);

    SignInOutcome.FlowCompleted completed =
        assertInstanceOf(SignInOutcome.FlowCompleted.class, outcome);
    assertEquals(Notice.LINKED_ELSEWHERE, completed.notice());
    assertTrue(completed.notice().isError());
    assertEquals(ada.getId(), completed.account().id());
    assertEquals(List.of(), ada.getIdentities());
    assertEquals(grace, onlyIdentityOf(grace).getAccount(), "the identity stays where it is");
    assertOwnEntry(AuditEvent.IDENTITY_LINK_REFUSED, ada, audit.only());
  }

  @Test
  void linkingToADisabledAccountIsRefused() {
    ada.disable();

    SignInOutcome outcome = service.link(ada.getId(), identity, CLIENT);

    assertEquals(new SignInOutcome.Refused(Reason.DISABLED), outcome);
    assertEquals(List.of(), ada.getIdentities());
    assertEquals(List.of(), audit.events());
  }

  // Unlinking ------------------------------------------------------------------------------------

  @Test
  void unlinkingOneOfTwoIdentitiesRemovesItAndIsAudited() {
    service.link(grace.getId(), identity("grace-elsewhere"), CLIENT);
    LinkedIdentity first = grace.getIdentities().get(0);

    service.unlink(grace.getId(), first.getId(), CLIENT);

    assertEquals(
        new IdentityKey(ISSUER, "grace-elsewhere"), onlyIdentityOf(grace).getIdentityKey());
    assertEquals(List.of(AuditEvent.IDENTITY_LINKED, AuditEvent.IDENTITY_UNLINKED), audit.events());
    AuditEntry entry = audit.entries().get(1);
    assertOwnEntry(AuditEvent.IDENTITY_UNLINKED, grace, entry);
    assertEquals(
        Optional.of("provider https://id.example.test, subject grace-at-provider"),
        entry.getDetail());
  }

  @Test
  void anAccountWithAPasswordMayUnlinkItsOnlyIdentity() {
    service.link(ada.getId(), identity, CLIENT);

    service.unlink(ada.getId(), onlyIdentityOf(ada).getId(), CLIENT);

    assertEquals(List.of(), ada.getIdentities());
    assertTrue(ada.hasPassword());
    assertEquals(AuditEvent.IDENTITY_UNLINKED, audit.events().get(1));
  }

  @Test
  void unlinkingTheLastSignInMethodIsRefused() {
    long only = onlyIdentityOf(grace).getId();

    LinkRefusedException refused =
        assertThrows(LinkRefusedException.class, () -> service.unlink(grace.getId(), only, CLIENT));

    assertEquals("unlink.lastMethod", refused.messageKey());
    assertEquals(only, onlyIdentityOf(grace).getId());
    assertEquals(List.of(), audit.events());
  }

  @Test
  void unlinkingAnIdentityOfAnotherAccountIsRefused() {
    long gracesIdentity = onlyIdentityOf(grace).getId();

    LinkRefusedException refused =
        assertThrows(
            LinkRefusedException.class, () -> service.unlink(ada.getId(), gracesIdentity, CLIENT));

    assertEquals("unlink.notFound", refused.messageKey());
    assertEquals(gracesIdentity, onlyIdentityOf(grace).getId());
    assertEquals(List.of(), audit.events());
  }

  // Unlinking an identity with an API grant ------------------------------------------------------

  @Test
  void unlinkingAnIdentityEndsItsApiGrantAndHandsItsTokenOnForRevocation() {
    service.link(grace.getId(), identity("grace-elsewhere"), CLIENT);
    LinkedIdentity first = grace.getIdentities().get(0);
    ApiGrant grant = grant(grace, first, "grace-refresh-token");
    ApiGrant kept = grant(grace, grace.getIdentities().get(1), "grace-other-token");

    service.unlink(grace.getId(), first.getId(), CLIENT);

    assertEquals(List.of(kept), grants.ofAccount(grace.getId()), "only that identity's grant");
    assertEquals(
        new ApiRevocations.Ended(grace.getId(), grant.getId(), Optional.of("grace-refresh-token")),
        ended.only());
    assertEquals(
        List.of(
            AuditEvent.IDENTITY_LINKED, AuditEvent.API_DISCONNECTED, AuditEvent.IDENTITY_UNLINKED),
        audit.events());
    AuditEntry entry = audit.entries().get(1);
    assertOwnEntry(AuditEvent.API_DISCONNECTED, grace, entry);
    assertTrue(
        entry.getDetail().orElseThrow().startsWith("identity removed by the owner"),
        entry.getDetail()::toString);
    assertTrue(
        entry.getDetail().orElseThrow().contains(ApiGrantsTest.DRIVE), entry.getDetail()::toString);
    assertFalse(entry.getDetail().orElseThrow().contains("grace-refresh-token"));
  }

  @Test
  void unlinkingAnIdentityWithoutGrantEndsNoGrant() {
    service.link(grace.getId(), identity("grace-elsewhere"), CLIENT);
    ApiGrant kept = grant(grace, grace.getIdentities().get(0), "grace-refresh-token");

    service.unlink(grace.getId(), grace.getIdentities().get(1).getId(), CLIENT);

    assertEquals(List.of(kept), grants.ofAccount(grace.getId()));
    assertEquals(List.of(), ended.fired());
    assertEquals(List.of(AuditEvent.IDENTITY_LINKED, AuditEvent.IDENTITY_UNLINKED), audit.events());
  }

  /** In the server the refusal rolls the ended grant back; the in-memory fakes do not roll back. */
  @Test
  void unlinkingTheLastSignInMethodWithAnApiGrantIsRefused() {
    LinkedIdentity only = onlyIdentityOf(grace);
    grant(grace, only, "grace-refresh-token");

    LinkRefusedException refused =
        assertThrows(
            LinkRefusedException.class, () -> service.unlink(grace.getId(), only.getId(), CLIENT));

    assertEquals("unlink.lastMethod", refused.messageKey());
    assertEquals(only.getId(), onlyIdentityOf(grace).getId());
  }

  @Test
  void unlinkingAnotherAccountsIdentityLeavesItsApiGrantAlone() {
    LinkedIdentity gracesIdentity = onlyIdentityOf(grace);
    ApiGrant gracesGrant = grant(grace, gracesIdentity, "grace-refresh-token");

    assertThrows(
        LinkRefusedException.class,
        () -> service.unlink(ada.getId(), gracesIdentity.getId(), CLIENT));

    assertEquals(List.of(gracesGrant), grants.ofAccount(grace.getId()));
    assertEquals(List.of(), ended.fired());
    assertEquals(List.of(), audit.events());
  }

  /**
   * The verified owner claiming an account removes the identities that a squatter had linked; their
   * API grants end with them, as at every other unlink: the row goes, the audit says so, and the
   * token is revoked at the provider.
   *
   * <p>Fails until {@code linkConfirmed} (and {@code ProviderAccountResolver}'s auto-link) call
   * {@code ApiGrantRecords.endOfIdentity} for each identity {@code Account.claimBy} removed: today
   * the database's ON DELETE CASCADE drops the row without an audit entry or a revocation.
   */
  @Test
  void identitiesRemovedByTheOwnersClaimEndTheirApiGrants() {
    Account squatted = ada;
    squatted.link(identity("squatter"), NOW.minusSeconds(3_600));
    accounts.flush();
    ApiGrant squattersGrant = grant(squatted, onlyIdentityOf(squatted), "squatter-refresh-token");

    service.linkConfirmed(squatted.getId(), identity, CLIENT);

    assertEquals(identity.key(), onlyIdentityOf(squatted).getIdentityKey(), "the claim happened");
    assertEquals(List.of(), grants.ofAccount(squatted.getId()), "the squatter's grant ended");
    assertEquals(
        new ApiRevocations.Ended(
            squatted.getId(), squattersGrant.getId(), Optional.of("squatter-refresh-token")),
        ended.only());
    assertTrue(audit.events().contains(AuditEvent.API_DISCONNECTED), audit.events()::toString);
  }

  // Helpers --------------------------------------------------------------------------------------

  private ApiGrant grant(Account account, LinkedIdentity through, String refreshToken) {
    return ApiGrantsTest.grant(
        grants, vault, account.getId(), through.getId(), refreshToken, NOW.minusSeconds(600));
  }

  private static ProviderIdentity identity(String subject) {
    return new ProviderIdentity(
        new IdentityKey(ISSUER, subject), subject + "@example.test", true, "Someone", null);
  }

  private static Account withPassword(String email) {
    return Account.registerWithPassword(
        EmailAddress.parse(email).orElseThrow(), "Ada", "hash", NOW.minusSeconds(86_400));
  }

  private static Account providerOnly(String email, ProviderIdentity identity) {
    Account account =
        Account.registerWithProvider(EmailAddress.parse(email), "Grace", NOW.minusSeconds(86_400));
    account.link(identity, NOW.minusSeconds(86_400));
    return account;
  }

  private static LinkedIdentity onlyIdentityOf(Account account) {
    assertEquals(1, account.getIdentities().size(), account.getIdentities()::toString);
    return account.getIdentities().get(0);
  }

  private static void assertDetailEndsWith(String suffix, AuditEntry entry) {
    String detail = entry.getDetail().orElseThrow();
    assertTrue(detail.endsWith(suffix), detail);
  }

  private static void assertOwnEntry(AuditEvent event, Account account, AuditEntry entry) {
    assertEquals(event, entry.getEventType());
    assertEquals(Optional.of(account.getId()), entry.getActorAccountId());
    assertEquals(Optional.of(account.getId()), entry.getTargetAccountId());
    assertEquals(account.getEmail().map(EmailAddress::value), entry.getTargetEmail());
    assertEquals(NOW, entry.getOccurredAt());
    assertEquals(Optional.of(CLIENT), entry.getClientAddress());
  }
}
