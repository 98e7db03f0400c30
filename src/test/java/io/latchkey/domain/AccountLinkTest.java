package io.latchkey.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.testing.fakes.Entities;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Account#link} and {@link Account#unlink}: the rules an account keeps for its links. */
class AccountLinkTest {

  private static final Instant REGISTERED = Instant.parse("2025-03-01T09:00:00Z");
  private static final Instant NOW = Instant.parse("2025-03-02T10:00:00Z");
  private static final EmailAddress EMAIL = new EmailAddress("ada@example.test");
  private static final String ISSUER = "https://id.example.test";

  // Linking ------------------------------------------------------------------------------------

  @Test
  void linkingAddsALinkedIdentityWithTheIdentitysClaims() {
    Account account = providerOnly();
    ProviderIdentity profile =
        new ProviderIdentity(
            new IdentityKey(ISSUER, "ada-2"), "Ada@Work.test", true, "Ada L.", "https://p/a.png");

    LinkedIdentity linked = account.link(profile, NOW);

    assertEquals(2, account.getIdentities().size());
    assertSame(linked, account.getIdentities().get(1));
    assertSame(account, linked.getAccount());
    assertEquals(new IdentityKey(ISSUER, "ada-2"), linked.getIdentityKey());
    assertEquals(Optional.of("Ada@Work.test"), linked.getEmailAtLink(), "as the provider gave it");
    assertTrue(linked.isEmailVerified());
    assertEquals(Optional.of("Ada L."), linked.getName());
    assertEquals(Optional.of("https://p/a.png"), linked.getPicture());
    assertEquals(NOW, linked.getLinkedAt());
    assertEquals(Optional.of(NOW), linked.getLastUsedAt());
  }

  @Test
  void claimsTooLongForTheirColumnsAreCutNotRefused() {
    Account account = withPassword();

    LinkedIdentity linked =
        account.link(
            new ProviderIdentity(
                new IdentityKey(ISSUER, "ada-1"), null, false, "n".repeat(250), null),
            NOW);

    assertEquals(Optional.of("n".repeat(200)), linked.getName());
    assertEquals(Optional.empty(), linked.getEmailAtLink());
    assertFalse(linked.isEmailVerified());
  }

  /**
   * The account does not refuse the same (issuer, subject) twice: the services look the key up
   * before they link, and the unique key (issuer, subject) refuses a second link when it is written
   * ({@link AccountRepository#flush}).
   */
  @Test
  void theSameIssuerAndSubjectTwiceIsLeftToTheLookUpAndTheUniqueKey() {
    Account account = withPassword();

    account.link(identity("ada-1"), NOW);
    account.link(identity("ada-1"), NOW);

    assertEquals(
        List.of(new IdentityKey(ISSUER, "ada-1"), new IdentityKey(ISSUER, "ada-1")),
        account.getIdentities().stream().map(LinkedIdentity::getIdentityKey).toList());
  }

  // Unlinking ----------------------------------------------------------------------------------

  @Test
  void anAccountWithoutPasswordCannotUnlinkItsOnlyIdentity() {
    Account account = providerOnly();

    assertThrows(LastSignInMethodException.class, () -> account.unlink(1, false));

    assertEquals(1, account.getIdentities().size());
  }

  @Test
  void theOnlyIdentityOfAnAccountWithoutPasswordGoesWhenAllowed() {
    Account account = providerOnly();

    LinkedIdentity removed = account.unlink(1, true);

    assertEquals(new IdentityKey(ISSUER, "ada-1"), removed.getIdentityKey());
    assertEquals(List.of(), account.getIdentities());
  }

  @Test
  void anAccountWithoutPasswordMayUnlinkOneOfTwoIdentities() {
    Account account = providerOnly();
    Entities.setField(account.link(identity("ada-2"), NOW), "id", 2L);

    LinkedIdentity removed = account.unlink(1, false);

    assertEquals(new IdentityKey(ISSUER, "ada-1"), removed.getIdentityKey());
    assertEquals(
        List.of(new IdentityKey(ISSUER, "ada-2")),
        account.getIdentities().stream().map(LinkedIdentity::getIdentityKey).toList());
  }

  @Test
  void anAccountWithAPasswordMayUnlinkItsOnlyIdentity() {
    Account account = withPassword();
    Entities.setField(account.link(identity("ada-1"), NOW), "id", 1L);

    account.unlink(1, false);

    assertEquals(List.of(), account.getIdentities());
    assertEquals(Optional.of("hash"), account.getPasswordHash());
  }

  @Test
  void unlinkingAnIdentityTheAccountDoesNotHaveThrows() {
    Account account = providerOnly();

    assertThrows(NoSuchIdentityException.class, () -> account.unlink(7, false));
    assertThrows(NoSuchIdentityException.class, () -> account.unlink(7, true));

    assertEquals(1, account.getIdentities().size());
  }

  // Helpers --------------------------------------------------------------------------------------

  private static ProviderIdentity identity(String subject) {
    return new ProviderIdentity(
        new IdentityKey(ISSUER, subject), "ada@example.test", true, "Ada", null);
  }

  private static Account withPassword() {
    return Account.registerWithPassword(EMAIL, "Ada", "hash", REGISTERED);
  }

  /** An account that signs in only through its identity (issuer, "ada-1"), whose id is 1. */
  private static Account providerOnly() {
    Account account = Account.registerWithProvider(Optional.of(EMAIL), "Ada", REGISTERED);
    Entities.setField(account.link(identity("ada-1"), REGISTERED), "id", 1L);
    return account;
  }

  /** Pre-account-takeover: what a squatter linked before the owner proved the email goes. */
  @Test
  void theVerifiedOwnersClaimRemovesEveryIdentityThatDoesNotProveTheEmail() {
    Account account = Account.registerWithPassword(EMAIL, "Squatter", "hash", REGISTERED);
    account.link(claims("squatters-own", "squatter@evil.test", true), REGISTERED);
    account.link(claims("unverified-same", "ada@example.test", false), REGISTERED);
    account.link(claims("proves-it", "ADA@example.test", true), REGISTERED);
    int generation = account.getSessionGeneration();

    List<LinkedIdentity> removed = account.claimBy(claims("owner", "ada@example.test", true), NOW);

    assertEquals(
        List.of("squatters-own", "unverified-same"),
        removed.stream().map(LinkedIdentity::getSubject).toList());
    assertEquals(
        List.of("proves-it", "owner"),
        account.getIdentities().stream().map(LinkedIdentity::getSubject).toList());
    assertTrue(account.getSessionGeneration() > generation, "every session ends");
  }

  @Test
  void onlyTheVerifiedOwnerOfTheEmailClaimsAnAccount() {
    Account account = Account.registerWithPassword(EMAIL, "Ada", "hash", REGISTERED);
    assertThrows(
        IllegalArgumentException.class,
        () -> account.claimBy(claims("other", "someone@else.test", true), NOW));
    assertThrows(
        IllegalArgumentException.class,
        () -> account.claimBy(claims("unverified", "ada@example.test", false), NOW));
    assertEquals(List.of(), account.getIdentities());
  }

  private static ProviderIdentity claims(String subject, String email, boolean verified) {
    return new ProviderIdentity(new IdentityKey(ISSUER, subject), email, verified, "Name", null);
  }
}
