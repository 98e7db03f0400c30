package io.latchkey.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.application.SignInOutcome.Notice;
import io.latchkey.application.SignInOutcome.Reason;
import io.latchkey.domain.Account;
import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.EmailAddress;
import io.latchkey.domain.IdentityKey;
import io.latchkey.domain.LinkedIdentity;
import io.latchkey.domain.LinkedIdentityRepository;
import io.latchkey.domain.ProviderIdentity;
import io.latchkey.testing.fakes.InMemoryAccounts;
import io.latchkey.testing.fakes.InMemoryIdentities;
import io.latchkey.testing.fakes.RecordingAuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ProviderSignInService} with the {@link ProviderAccountResolver} it retries. */
class ProviderSignInServiceTest {

  private static final Instant NOW = Instant.parse("2025-03-02T10:00:00Z");
  private static final Instant YESTERDAY = NOW.minus(Duration.ofDays(1));
  private static final String ISSUER = "https://id.example.test";
  private static final String CLIENT = "198.51.100.7";
  private static final String ADA = "ada@example.test";

  private final InMemoryAccounts accounts = new InMemoryAccounts();
  private final InMemoryIdentities identities = new InMemoryIdentities(accounts);
  private final RecordingAuditTrail audit = new RecordingAuditTrail();
  private final AccountViews views = new AccountViews(Optional.empty());
  private final ProviderAccountResolver resolver = new ProviderAccountResolver();
  private final ProviderSignInService service = new ProviderSignInService();

  @BeforeEach
  void wireServiceAndResolver() {
    resolver.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    resolver.accounts = accounts;
    resolver.sessionRecords =
        SessionRecordsTest.records(resolver.clock, accounts, new RecordingAuditTrail());
    resolver.identities = identities;
    resolver.audit = audit;
    resolver.views = views;
    resolver.apiGrants =
        ApiGrantsTest.records(
            resolver.clock,
            accounts,
            audit,
            new io.latchkey.testing.fakes.InMemoryApiGrants(),
            new TokenVault(java.util.Optional.of(ApiGrantsTest.KEY), java.util.List.of()),
            new io.latchkey.testing.fakes.RecordingEvents<>());
    resolver.policy = new LinkingPolicy("never");
    resolver.registration = new RegistrationPolicy("open");
    service.clock = resolver.clock;
    service.resolver = resolver;
    service.audit = audit;
    service.identities = identities;
    service.views = views;
  }

  // First and next sign-in ---------------------------------------------------------------------

  @Test
  void withExistingOnlyANewIdentityIsRefusedAndNothingIsWritten() {
    resolver.registration = new RegistrationPolicy("existing-only");
    ProviderIdentity stranger = new ProviderIdentity(key("new-1"), ADA, true, "Ada", null);

    assertEquals(
        new SignInOutcome.Refused(SignInOutcome.Reason.NOT_REGISTERED),
        service.signIn(stranger, CLIENT));
    assertEquals(List.of(), accounts.all());
    assertEquals(List.of(AuditEvent.SIGN_IN_REFUSED), audit.events());
  }

  @Test
  void aDomainAllowListAdmitsOnlyVerifiedEmailsOfItsDomains() {
    resolver.registration = new RegistrationPolicy("domains:example.test, example.org");

    assertEquals(
        new SignInOutcome.Refused(SignInOutcome.Reason.NOT_REGISTERED),
        service.signIn(new ProviderIdentity(key("o-1"), "x@other.test", true, "X", null), CLIENT));
    assertEquals(
        new SignInOutcome.Refused(SignInOutcome.Reason.NOT_REGISTERED),
        service.signIn(new ProviderIdentity(key("u-1"), ADA, false, "Ada", null), CLIENT),
        "an unverified email proves no domain");
    assertTrue(
        service.signIn(new ProviderIdentity(key("a-1"), ADA, true, "Ada", null), CLIENT)
            instanceof SignInOutcome.SignedIn);
    assertEquals(1, accounts.all().size());
  }

  @Test
  void theFirstSignInRegistersAnAccountWithTheIdentityLinked() {
    ProviderIdentity ada =
        new ProviderIdentity(key("ada-1"), "Ada@Example.test", true, "Ada L.", "https://p/a.png");

    SignInOutcome outcome = service.signIn(ada, CLIENT);

    Account account = onlyAccount();
    assertEquals(new SignInOutcome.SignedIn(views.of(account), Notice.NONE), outcome);
    assertEquals(Optional.of(new EmailAddress(ADA)), account.getEmail());
    assertEquals("Ada L.", account.getDisplayName());
    assertFalse(account.hasPassword());
    assertTrue(account.isActive());
    assertEquals(Optional.of(NOW), account.getLastSignInAt());
    LinkedIdentity linked = onlyIdentityOf(account);
    assertEquals(key("ada-1"), linked.getIdentityKey());
    assertEquals(Optional.of("Ada@Example.test"), linked.getEmailAtLink());
    assertTrue(linked.isEmailVerified());
    assertEquals(Optional.of("https://p/a.png"), linked.getPicture());
    assertEquals(
        List.of(
            AuditEvent.ACCOUNT_REGISTERED,
            AuditEvent.IDENTITY_LINKED,
            AuditEvent.SIGN_IN_SUCCEEDED),
        audit.events());
    audit.entries().forEach(entry -> assertOwnEntry(account, entry));
  }

  @Test
  void aFirstSignInWithAnUnverifiedEmailRegistersAnAccountWithoutEmail() {
    SignInOutcome outcome = service.signIn(identity("ada-1", ADA, false), CLIENT);

    Account account = onlyAccount();
    assertInstanceOf(SignInOutcome.SignedIn.class, outcome);
    assertEquals(Optional.empty(), account.getEmail(), "an unverified email claims nothing");
    assertEquals(key("ada-1"), onlyIdentityOf(account).getIdentityKey());
  }

  @Test
  void theNextSignInFindsTheSameAccount() {
    service.signIn(identity("ada-1", ADA, true), CLIENT);
    Account account = onlyAccount();
    Instant later = NOW.plus(Duration.ofHours(3));
    resolver.clock = Clock.fixed(later, ZoneOffset.UTC);

    SignInOutcome outcome = service.signIn(identity("ada-1", "renamed@example.test", true), CLIENT);

    assertEquals(new SignInOutcome.SignedIn(views.of(account)), outcome);
    assertEquals(account, onlyAccount());
    assertEquals(Optional.of(later), account.getLastSignInAt());
    assertEquals(Optional.of(later), onlyIdentityOf(account).getLastUsedAt());
    assertEquals(Optional.of(new EmailAddress(ADA)), account.getEmail(), "the email stays");
    assertEquals(AuditEvent.SIGN_IN_SUCCEEDED, audit.events().get(3));
    assertEquals(4, audit.events().size());
  }

  @Test
  void aFirstSignInThatLostTheRaceSignsInToTheAccountTheOtherOneRegistered() {
    ProviderIdentity profile = identity("ada-1", ADA, false);
    Account[] winner = new Account[1];
    LinkedIdentityRepository racing =
        subject -> {
          if (winner[0] == null) {
            winner[0] = accounts.add(providerOnly(null, profile));
            return Optional.empty(); // looked up just before the other registration committed
          }
          return identities.find(subject);
        };
    resolver.identities = racing;

    SignInOutcome outcome = service.signIn(profile, CLIENT);

    assertEquals(new SignInOutcome.SignedIn(views.of(winner[0])), outcome);
    assertEquals(List.of(winner[0]), accounts.all());
    assertEquals(List.of(AuditEvent.SIGN_IN_SUCCEEDED), audit.events());
  }

  // An existing account's email ----------------------------------------------------------------

  @Test
  void aVerifiedEmailOfAnExistingAccountRequiresTheAccountsPasswordByDefault() {
    Account ada = accounts.add(withPassword(ADA));
    int generation = ada.getSessionGeneration();
    ProviderIdentity profile = identity("ada-1", ADA, true);

    SignInOutcome outcome = service.signIn(profile, CLIENT);

    assertEquals(new SignInOutcome.LinkRequired(ada.getId(), ADA, profile), outcome);
    assertEquals(List.of(ada), accounts.all());
    assertEquals(List.of(), ada.getIdentities());
    assertTrue(ada.hasPassword());
    assertEquals(generation, ada.getSessionGeneration());
    AuditEntry entry = audit.only();
    assertEquals(AuditEvent.SIGN_IN_REFUSED, entry.getEventType());
    assertEquals(Optional.of("provider " + ISSUER + ": link required"), entry.getDetail());
  }

  @Test
  void aVerifiedEmailOfAnExistingAccountLinksAtOnceWhenThePolicySaysSo() {
    resolver.policy = new LinkingPolicy("verified-email");
    Account ada = accounts.add(withPassword(ADA));
    int generation = ada.getSessionGeneration();

    SignInOutcome outcome = service.signIn(identity("ada-1", ADA, true), CLIENT);

    assertEquals(new SignInOutcome.SignedIn(views.of(ada), Notice.AUTO_LINKED), outcome);
    assertEquals(key("ada-1"), onlyIdentityOf(ada).getIdentityKey());
    assertFalse(ada.hasPassword(), "whoever set the password never proved the email");
    assertTrue(ada.getSessionGeneration() > generation, "every other session ended");
    assertEquals(Optional.of(NOW), ada.getLastSignInAt());
    assertEquals(List.of(ada), accounts.all());
    assertEquals(List.of(AuditEvent.IDENTITY_LINKED, AuditEvent.SIGN_IN_SUCCEEDED), audit.events());
    assertTrue(
        audit
            .entries()
            .get(0)
            .getDetail()
            .orElseThrow()
            .endsWith("auto-linked by verified email; password revoked; other sessions ended"),
        audit.entries().get(0).getDetail().orElseThrow());
  }

  @Test
  void linkingAtOnceToAnAccountWithoutPasswordStillEndsItsSessions() {
    resolver.policy = new LinkingPolicy("verified-email");
    Account ada = accounts.add(providerOnly(ADA, identity("ada-elsewhere", ADA, true)));
    int generation = ada.getSessionGeneration();

    SignInOutcome outcome = service.signIn(identity("ada-1", ADA, true), CLIENT);

    assertEquals(new SignInOutcome.SignedIn(views.of(ada), Notice.AUTO_LINKED), outcome);
    assertEquals(2, ada.getIdentities().size());
    assertEquals(generation + 1, ada.getSessionGeneration());
  }

  @ParameterizedTest
  @ValueSource(strings = {"never", "verified-email"})
  void anUnverifiedEmailOfAnExistingAccountIsRefused(String policy) {
    resolver.policy = new LinkingPolicy(policy);
    Account ada = accounts.add(withPassword(ADA));

    SignInOutcome outcome = service.signIn(identity("ada-1", " ADA@example.test", false), CLIENT);

    assertEquals(new SignInOutcome.Refused(Reason.UNVERIFIED_EMAIL_OF_ACCOUNT), outcome);
    assertEquals(List.of(ada), accounts.all(), "no account without email was registered either");
    assertEquals(List.of(), ada.getIdentities());
    assertTrue(ada.hasPassword());
    assertEquals(AuditEvent.SIGN_IN_REFUSED, audit.only().getEventType());
    assertEquals(Optional.of(ada.getId()), audit.only().getTargetAccountId());
  }

  // Disabled accounts --------------------------------------------------------------------------

  @Test
  void aDisabledAccountIsRefused() {
    Account ada = accounts.add(providerOnly(ADA, identity("ada-1", ADA, true)));
    ada.disable();

    SignInOutcome outcome = service.signIn(identity("ada-1", ADA, true), CLIENT);

    assertEquals(new SignInOutcome.Refused(Reason.DISABLED), outcome);
    assertEquals(Optional.empty(), ada.getLastSignInAt());
    assertEquals(Optional.of(YESTERDAY), onlyIdentityOf(ada).getLastUsedAt());
    AuditEntry entry = audit.only();
    assertEquals(AuditEvent.SIGN_IN_REFUSED, entry.getEventType());
    assertEquals(Optional.of("provider " + ISSUER + ": disabled"), entry.getDetail());
  }

  @Test
  void aDisabledAccountIsNotLinkedAtOnceByItsVerifiedEmail() {
    resolver.policy = new LinkingPolicy("verified-email");
    Account ada = accounts.add(withPassword(ADA));
    ada.disable();

    SignInOutcome outcome = service.signIn(identity("ada-1", ADA, true), CLIENT);

    assertEquals(new SignInOutcome.Refused(Reason.DISABLED), outcome);
    assertEquals(List.of(), ada.getIdentities());
    assertTrue(ada.hasPassword());
    assertEquals(AuditEvent.SIGN_IN_REFUSED, audit.only().getEventType());
  }

  // The race between the two look-ups ----------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"never", "verified-email"})
  void anIdentityLinkedMeanwhileSignsInToItsAccountAndNeverAsksForALink(String policy) {
    resolver.policy = new LinkingPolicy(policy);
    ProviderIdentity profile = identity("ada-1", ADA, true);
    Account ada = accounts.add(providerOnly(ADA, profile));
    int[] lookUps = {0};
    resolver.identities =
        subject -> ++lookUps[0] == 1 ? Optional.empty() : identities.find(subject);

    SignInOutcome outcome = service.signIn(profile, CLIENT);

    assertEquals(new SignInOutcome.SignedIn(views.of(ada), Notice.NONE), outcome);
    assertEquals(2, lookUps[0]);
    assertEquals(List.of(ada), accounts.all());
    assertEquals(key("ada-1"), onlyIdentityOf(ada).getIdentityKey());
    assertEquals(Optional.of(NOW), ada.getLastSignInAt());
    assertEquals(List.of(AuditEvent.SIGN_IN_SUCCEEDED), audit.events());
  }

  // Re-authentication --------------------------------------------------------------------------

  @Test
  void reauthenticatingWithAnIdentityOfThisAccountCompletes() {
    Account ada = accounts.add(providerOnly(ADA, identity("ada-1", ADA, true)));

    SignInOutcome outcome =
        service.reauthenticate(ada.getId(), identity("ada-1", ADA, true), CLIENT);

    assertEquals(new SignInOutcome.FlowCompleted(views.of(ada), Notice.REAUTHENTICATED), outcome);
    AuditEntry entry = audit.only();
    assertOwnEntry(ada, entry);
    assertEquals(AuditEvent.SIGN_IN_SUCCEEDED, entry.getEventType());
    assertEquals(Optional.of("re-authentication, provider " + ISSUER), entry.getDetail());
  }

  @Test
  void reauthenticatingWithAnIdentityOfAnotherAccountFails() {
    Account ada = accounts.add(withPassword(ADA));
    accounts.add(providerOnly("grace@example.test", identity("grace-1", null, false)));

    SignInOutcome linkedElsewhere =
        service.reauthenticate(ada.getId(), identity("grace-1", null, false), CLIENT);
    SignInOutcome notLinked =
        service.reauthenticate(ada.getId(), identity("nobody", ADA, true), CLIENT);

    assertInstanceOf(SignInOutcome.Failed.class, linkedElsewhere);
    assertFalse(((SignInOutcome.Failed) linkedElsewhere).cancelled());
    assertInstanceOf(SignInOutcome.Failed.class, notLinked);
    assertEquals(List.of(), audit.events());
  }

  @Test
  void reauthenticatingToADisabledAccountIsRefused() {
    Account ada = accounts.add(providerOnly(ADA, identity("ada-1", ADA, true)));
    ada.disable();

    SignInOutcome outcome =
        service.reauthenticate(ada.getId(), identity("ada-1", ADA, true), CLIENT);

    assertEquals(new SignInOutcome.Refused(Reason.DISABLED), outcome);
    assertEquals(List.of(), audit.events());
  }

  // Helpers --------------------------------------------------------------------------------------

  private static IdentityKey key(String subject) {
    return new IdentityKey(ISSUER, subject);
  }

  private static ProviderIdentity identity(String subject, String email, boolean verified) {
    return new ProviderIdentity(key(subject), email, verified, null, null);
  }

  private static Account withPassword(String email) {
    return Account.registerWithPassword(new EmailAddress(email), "Ada", "hash", YESTERDAY);
  }

  private static Account providerOnly(String email, ProviderIdentity identity) {
    Account account = Account.registerWithProvider(EmailAddress.parse(email), "Someone", YESTERDAY);
    account.link(identity, YESTERDAY);
    return account;
  }

  private Account onlyAccount() {
    assertEquals(1, accounts.all().size(), accounts.all()::toString);
    return accounts.all().get(0);
  }

  private static LinkedIdentity onlyIdentityOf(Account account) {
    assertEquals(1, account.getIdentities().size(), account.getIdentities()::toString);
    return account.getIdentities().get(0);
  }

  private static void assertOwnEntry(Account account, AuditEntry entry) {
    assertEquals(Optional.of(account.getId()), entry.getActorAccountId());
    assertEquals(Optional.of(account.getId()), entry.getTargetAccountId());
    assertEquals(NOW, entry.getOccurredAt());
    assertEquals(Optional.of(CLIENT), entry.getClientAddress());
  }
}
