package io.latchkey.application;

import io.latchkey.domain.Account;
import io.latchkey.domain.AccountRepository;
import io.latchkey.domain.ApiGrant;
import io.latchkey.domain.ApiGrantRepository;
import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.AuditTrail;
import io.latchkey.domain.EmailAddress;
import io.latchkey.domain.IdentityKey;
import io.latchkey.domain.LinkedIdentity;
import io.latchkey.domain.LinkedIdentityRepository;
import io.latchkey.domain.SealedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The database side of API grants, each method one short transaction with its audit entry; the
 * provider is never called from here. When access ends, the rows go in the caller's transaction and
 * the tokens are handed to {@link ApiRevocations} for after the commit.
 */
@ApplicationScoped
@Transactional
public class ApiGrantRecords {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject Clock clock;
  @Inject ApiGrantRepository grants;
  @Inject LinkedIdentityRepository identities;
  @Inject AccountRepository accounts;
  @Inject AuditTrail audit;
  @Inject TokenVault vault;
  @Inject Event<ApiRevocations.Ended> ended;

  /** A grant's refresh token, opened, with what it belongs to. */
  public record Usable(String grantId, long accountId, String refreshToken, boolean stale) {
    @Override
    public String toString() {
      return "Usable[grantId=" + grantId + ", accountId=" + accountId + "]";
    }
  }

  /**
   * Keeps the refresh token of a connect flow for the identity it came through, which must be the
   * account's linked identity {@code identityId}; a grant of that identity is replaced. Empty when
   * it is not (nothing is written).
   */
  public Optional<String> connect(
      long accountId,
      long identityId,
      IdentityKey key,
      String refreshToken,
      String scopes,
      String client) {
    Optional<LinkedIdentity> identity =
        identities
            .find(key)
            .filter(linked -> linked.getAccount().getId() == accountId)
            .filter(linked -> linked.getId() == identityId);
    if (identity.isEmpty()) {
      return Optional.empty();
    }
    Optional<ApiGrant> existing = grants.ofIdentity(identity.get().getId());
    String id = existing.map(ApiGrant::getId).orElseGet(ApiGrantRecords::newId);
    SealedToken sealed = vault.seal(refreshToken, id);
    if (existing.isPresent()) {
      existing.get().granted(scopes, sealed, clock.instant());
    } else {
      grants.add(
          new ApiGrant(id, accountId, identity.get().getId(), scopes, sealed, clock.instant()));
    }
    record(
        AuditEvent.API_CONNECTED,
        identity.get().getAccount(),
        accountId,
        "scopes " + scopes + " (provider " + key.issuer() + ", subject " + key.subject() + ")",
        client);
    return Optional.of(id);
  }

  public List<ApiGrantView> ofAccount(long accountId) {
    return grants.ofAccount(accountId).stream().map(ApiGrantView::of).toList();
  }

  /**
   * The grant's refresh token, if the grant is the account's, not revoked, and its token opens (its
   * key is configured).
   */
  public Optional<Usable> usable(long accountId, String grantId) {
    Optional<ApiGrant> grant =
        grants.find(grantId).filter(found -> found.getAccountId() == accountId);
    Optional<SealedToken> token = grant.flatMap(ApiGrant::getToken);
    if (token.isEmpty()) {
      return Optional.empty();
    }
    boolean stale = vault.isStale(token.get());
    return vault
        .open(token.get(), grantId)
        .map(opened -> new Usable(grantId, accountId, opened, stale));
  }

  /**
   * The provider gave an access token: a rotated refresh token replaces the stored one, and a token
   * under an earlier key is sealed again under the current one.
   */
  public void refreshed(Usable used, Optional<String> rotated) {
    grants
        .find(used.grantId())
        .ifPresent(
            grant -> {
              Optional<String> store =
                  rotated.isPresent()
                      ? rotated
                      : used.stale() ? Optional.of(used.refreshToken()) : Optional.empty();
              grant.refreshed(
                  store.map(token -> vault.seal(token, grant.getId())), clock.instant());
            });
  }

  /** Whether the account's grant was revoked by the provider (and not connected again). */
  public boolean isRevoked(long accountId, String grantId) {
    return grants
        .find(grantId)
        .filter(grant -> grant.getAccountId() == accountId)
        .map(ApiGrant::isRevoked)
        .orElse(false);
  }

  /** The API answered for the user. */
  public void used(String grantId) {
    grants.find(grantId).ifPresent(grant -> grant.used(clock.instant()));
  }

  /** The provider refused the refresh token: the grant stays, revoked, to offer a reconnect. */
  public void lost(Usable used, String error) {
    grants
        .find(used.grantId())
        .ifPresent(
            grant -> {
              grant.revoked(clock.instant());
              audit(AuditEvent.API_GRANT_LOST, null, used.accountId(), error, null);
            });
  }

  public void refreshFailed(Usable used, String reason) {
    audit(AuditEvent.API_REFRESH_FAILED, null, used.accountId(), reason, null);
  }

  /**
   * Ends one grant of the account (its owner's "Disconnect", or an admin's): the row goes now, the
   * token to the provider after the commit. False when the account has no such grant.
   *
   * @param actorId who ended it (the owner or an admin)
   * @param why for the audit entry
   */
  public boolean end(long accountId, String grantId, long actorId, String why, String client) {
    Optional<ApiGrant> grant =
        grants.find(grantId).filter(found -> found.getAccountId() == accountId);
    grant.ifPresent(found -> end(found, actorId, why, client));
    return grant.isPresent();
  }

  /** Ends the grant the account made through one of its identities (before it is unlinked). */
  public void endOfIdentity(
      long accountId, long identityId, Long actorId, String why, String client) {
    grants
        .ofIdentity(identityId)
        .filter(grant -> grant.getAccountId() == accountId)
        .ifPresent(grant -> end(grant, actorId, why, client));
  }

  /** Ends every grant of the account (before it is deleted, or an admin's "end everything"). */
  public int endAllOf(long accountId, Long actorId, String why, String client) {
    List<ApiGrant> all = grants.ofAccount(accountId);
    all.forEach(grant -> end(grant, actorId, why, client));
    return all.size();
  }

  private void end(ApiGrant grant, Long actorId, String why, String client) {
    Optional<String> token = grant.getToken().flatMap(seal -> vault.open(seal, grant.getId()));
    grants.remove(grant);
    audit(
        AuditEvent.API_DISCONNECTED,
        actorId,
        grant.getAccountId(),
        why + " (scopes " + grant.getScopes() + ")",
        client);
    ended.fire(new ApiRevocations.Ended(grant.getAccountId(), grant.getId(), token));
  }

  /** The provider could not be told; the row is gone already. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void revocationFailed(long accountId, String reason) {
    audit(AuditEvent.API_REVOCATION_FAILED, null, accountId, reason, null);
  }

  /**
   * Seals again, under the current key, up to {@code max} tokens sealed under one of the earlier
   * keys ({@code LATCHKEY_TOKEN_PREVIOUS_KEYS}); returns how many. A seal that does not open under
   * its key (altered) is left as it is: it is read as no token, and the user connects again.
   */
  public int resealStale(int max) {
    if (!vault.canSeal()) {
      return 0;
    }
    int resealed = 0;
    for (String keyId : vault.previousKeyIds()) {
      for (ApiGrant grant : grants.sealedWith(keyId, max - resealed)) {
        Optional<String> token = grant.getToken().flatMap(seal -> vault.open(seal, grant.getId()));
        if (token.isPresent()) {
          grant.reseal(vault.seal(token.get(), grant.getId()));
          resealed++;
        }
      }
      if (resealed >= max) {
        break;
      }
    }
    return resealed;
  }

  /**
   * Ends the grants of the identities that the verified owner's claim of the account is about to
   * remove (those that do not prove its email): called before the claim, in its transaction.
   */
  public void endOfUnprovenIdentities(Account account, String client) {
    String email = account.getEmail().map(EmailAddress::value).orElse(null);
    for (LinkedIdentity identity : account.getIdentities()) {
      if (email == null || !identity.provesEmail(email)) {
        endOfIdentity(
            account.getId(),
            identity.getId(),
            null,
            "identity removed when the email's verified owner claimed the account",
            client);
      }
    }
  }

  private void audit(AuditEvent event, Long actorId, long accountId, String detail, String client) {
    Optional<Account> account = accounts.findById(accountId);
    record(event, account.orElse(null), actorId == null ? accountId : actorId, detail, client);
  }

  private void record(
      AuditEvent event, Account account, Long actorId, String detail, String client) {
    AuditEntry.Builder entry =
        AuditEntry.of(event, clock.instant()).actor(actorId).detail(detail).clientAddress(client);
    if (account != null) {
      entry.target(account);
    }
    audit.record(entry.build());
  }

  private static String newId() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
