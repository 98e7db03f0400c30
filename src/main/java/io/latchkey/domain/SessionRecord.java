package io.latchkey.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * One signed-in session, as its owner and the admins see it: where and how it signed in, and when
 * it was last used. The id is random and opaque, never the session cookie. The row exists exactly
 * as long as the session may be used: a session whose record is gone is ended at its next request,
 * on whichever instance it lives.
 */
@Entity
@Table(name = "session_record")
@NamedQuery(
    name = "SessionRecord.recentOfAccount",
    query =
        "SELECT s FROM SessionRecord s WHERE s.accountId = :account"
            + " AND s.lastSeenAt >= :seenSince AND s.signedInAt >= :signedInSince"
            + " ORDER BY s.accountId, s.lastSeenAt DESC, s.id")
@NamedQuery(
    name = "SessionRecord.recentIdsOfAccount",
    query =
        "SELECT s.id FROM SessionRecord s WHERE s.accountId = :account"
            + " AND s.lastSeenAt >= :seenSince AND s.signedInAt >= :signedInSince"
            + " ORDER BY s.accountId, s.lastSeenAt DESC, s.id")
@NamedQuery(
    name = "SessionRecord.idsOfAccount",
    query = "SELECT s.id FROM SessionRecord s WHERE s.accountId = :account")
@NamedQuery(
    name = "SessionRecord.ofProviderSession",
    query = "SELECT s FROM SessionRecord s WHERE s.method = :method AND s.providerSid = :sid")
@NamedQuery(
    name = "SessionRecord.ofAccountByMethod",
    query = "SELECT s FROM SessionRecord s WHERE s.accountId = :account AND s.method = :method")
@NamedQuery(
    name = "SessionRecord.seen",
    query = "UPDATE SessionRecord s SET s.lastSeenAt = :now WHERE s.id = :id")
@NamedQuery(name = "SessionRecord.remove", query = "DELETE FROM SessionRecord s WHERE s.id = :id")
@NamedQuery(
    name = "SessionRecord.removeOthers",
    query = "DELETE FROM SessionRecord s WHERE s.accountId = :account AND s.id <> :keep")
@NamedQuery(
    name = "SessionRecord.removeExpired",
    query =
        "DELETE FROM SessionRecord s"
            + " WHERE s.lastSeenAt < :idleBefore OR s.signedInAt < :signedInBefore")
public class SessionRecord {

  /** The length of an id: 32 random bytes, base64url without padding. */
  public static final int ID_LENGTH = 43;

  @Id
  @Column(length = ID_LENGTH)
  private String id;

  @Column(name = "account_id", nullable = false)
  private long accountId;

  @Column(name = "signed_in_at", nullable = false)
  private Instant signedInAt;

  @Column(name = "last_seen_at", nullable = false)
  private Instant lastSeenAt;

  @Column(name = "client_address", length = 64)
  private String clientAddress;

  @Column(nullable = false, length = 80)
  private String device;

  @Column(nullable = false, length = 64)
  private String method;

  @Column(name = "provider_sid", length = 255)
  private String providerSid;

  protected SessionRecord() {}

  /**
   * A session that signs in now.
   *
   * @param method {@code password} or the provider's id
   * @param providerSid the provider's session id, or null
   */
  public SessionRecord(
      String id,
      long accountId,
      Instant now,
      String clientAddress,
      String device,
      String method,
      String providerSid) {
    this.id = Objects.requireNonNull(id);
    this.accountId = accountId;
    this.signedInAt = now;
    this.lastSeenAt = now;
    this.clientAddress = Texts.cut(clientAddress, 64);
    this.device = Objects.requireNonNullElse(Texts.cut(device, 80), "");
    this.method = Texts.cut(method, 64);
    this.providerSid = Texts.cut(providerSid, 255);
  }

  public String getId() {
    return id;
  }

  public long getAccountId() {
    return accountId;
  }

  public Instant getSignedInAt() {
    return signedInAt;
  }

  public Instant getLastSeenAt() {
    return lastSeenAt;
  }

  public String getClientAddress() {
    return clientAddress;
  }

  public String getDevice() {
    return device;
  }

  public String getMethod() {
    return method;
  }

  public String getProviderSid() {
    return providerSid;
  }
}
