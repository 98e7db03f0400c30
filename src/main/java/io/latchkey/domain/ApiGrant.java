package io.latchkey.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's consent that Latchkey calls a provider's API for them (e.g. reads their Google Drive),
 * through one linked identity: the scopes the provider granted and the refresh token it issued,
 * sealed by the application (this class never sees the token in plaintext). A grant whose refresh
 * token the provider refused is kept, revoked, so that the user is offered to connect again.
 */
@Entity
@Table(name = "api_grant")
@NamedQuery(
    name = "ApiGrant.ofAccount",
    query = "SELECT g FROM ApiGrant g WHERE g.accountId = :account ORDER BY g.grantedAt, g.id")
@NamedQuery(
    name = "ApiGrant.ofIdentity",
    query = "SELECT g FROM ApiGrant g WHERE g.identityId = :identity")
@NamedQuery(
    name = "ApiGrant.sealedWith",
    query = "SELECT g FROM ApiGrant g WHERE g.keyId = :key ORDER BY g.id")
public class ApiGrant {

  /** The length of an id: 32 random bytes, base64url without padding. */
  public static final int ID_LENGTH = 43;

  @Id
  @Column(length = ID_LENGTH)
  private String id;

  @Column(name = "account_id", nullable = false)
  private long accountId;

  @Column(name = "identity_id", nullable = false)
  private long identityId;

  @Column(nullable = false, length = 2000)
  private String scopes;

  @Column(name = "key_id", length = 16)
  private String keyId;

  @Column(name = "sealed_token", length = 4000)
  private String sealedToken;

  @Column(name = "granted_at", nullable = false)
  private Instant grantedAt;

  @Column(name = "refreshed_at")
  private Instant refreshedAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected ApiGrant() {}

  /** A grant made now through an identity linked to the account. */
  public ApiGrant(
      String id, long accountId, long identityId, String scopes, SealedToken token, Instant now) {
    this.id = Objects.requireNonNull(id);
    this.accountId = accountId;
    this.identityId = identityId;
    granted(scopes, token, now);
  }

  /** The provider granted access again (a reconnect): the new token and scopes replace the old. */
  public void granted(String scopes, SealedToken token, Instant now) {
    this.scopes = Texts.cut(Objects.requireNonNull(scopes), 2000);
    this.keyId = token.keyId();
    this.sealedToken = token.value();
    this.revokedAt = null;
    this.grantedAt = now;
    this.refreshedAt = null;
  }

  /** An access token was obtained with the refresh token; a rotated one replaces the old. */
  public void refreshed(Optional<SealedToken> rotated, Instant now) {
    rotated.ifPresent(this::reseal);
    this.refreshedAt = now;
  }

  /** The same token under another key (key rotation). */
  public void reseal(SealedToken token) {
    this.keyId = token.keyId();
    this.sealedToken = token.value();
  }

  /** The API was called for the user. */
  public void used(Instant now) {
    this.lastUsedAt = now;
  }

  /** The provider refused the refresh token: the grant stays listed, without a token. */
  public void revoked(Instant now) {
    this.keyId = null;
    this.sealedToken = null;
    this.revokedAt = now;
  }

  public String getId() {
    return id;
  }

  public long getAccountId() {
    return accountId;
  }

  public long getIdentityId() {
    return identityId;
  }

  public String getScopes() {
    return scopes;
  }

  /** The sealed refresh token; empty once the provider refused it. */
  public Optional<SealedToken> getToken() {
    return sealedToken == null
        ? Optional.empty()
        : Optional.of(new SealedToken(keyId, sealedToken));
  }

  public Instant getGrantedAt() {
    return grantedAt;
  }

  public Optional<Instant> getRefreshedAt() {
    return Optional.ofNullable(refreshedAt);
  }

  public Optional<Instant> getLastUsedAt() {
    return Optional.ofNullable(lastUsedAt);
  }

  public Optional<Instant> getRevokedAt() {
    return Optional.ofNullable(revokedAt);
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }
}
