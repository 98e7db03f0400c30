package io.latchkey.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the audit trail: who did what to which account, when and from where.
 *
 * <p>Entries keep the ids and the email as plain values rather than references, so that they
 * outlive the accounts they describe. They never hold a password, a token or a secret.
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

  public static final int MAX_DETAIL_LENGTH = 1000;

  @Id
  @SequenceGenerator(
      name = "audit_entry_seq",
      sequenceName = "audit_entry_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_entry_seq")
  private Long id;

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt;

  @Column(name = "actor_account_id")
  private Long actorAccountId;

  @Column(name = "target_account_id")
  private Long targetAccountId;

  @Column(name = "target_email", length = EmailAddress.MAX_LENGTH)
  private String targetEmail;

  @Enumerated(EnumType.STRING)
  @Column(name = "event_type", nullable = false, length = 40)
  private AuditEvent eventType;

  @Column(length = MAX_DETAIL_LENGTH)
  private String detail;

  @Column(name = "client_address", length = 64)
  private String clientAddress;

  protected AuditEntry() {}

  private AuditEntry(Builder builder) {
    this.occurredAt = Objects.requireNonNull(builder.occurredAt);
    this.eventType = Objects.requireNonNull(builder.eventType);
    this.actorAccountId = builder.actorAccountId;
    this.targetAccountId = builder.targetAccountId;
    this.targetEmail = Texts.cut(builder.targetEmail, EmailAddress.MAX_LENGTH);
    this.detail = Texts.cut(builder.detail, MAX_DETAIL_LENGTH);
    this.clientAddress = Texts.cut(builder.clientAddress, 64);
  }

  public static Builder of(AuditEvent eventType, Instant occurredAt) {
    return new Builder(eventType, occurredAt);
  }

  /** An entry for something people did to their own account (the actor is the target). */
  public static AuditEntry byOwner(
      AuditEvent eventType,
      Account account,
      Instant occurredAt,
      String detail,
      String clientAddress) {
    return of(eventType, occurredAt)
        .actor(account.getId())
        .target(account)
        .detail(detail)
        .clientAddress(clientAddress)
        .build();
  }

  /** Fills an entry; {@link #build()} checks what is required. */
  public static final class Builder {
    private final AuditEvent eventType;
    private final Instant occurredAt;
    private Long actorAccountId;
    private Long targetAccountId;
    private String targetEmail;
    private String detail;
    private String clientAddress;

    private Builder(AuditEvent eventType, Instant occurredAt) {
      this.eventType = eventType;
      this.occurredAt = occurredAt;
    }

    /** The account that acted; the same as the target when people act on their own account. */
    public Builder actor(Long accountId) {
      this.actorAccountId = accountId;
      return this;
    }

    public Builder target(Account account) {
      this.targetAccountId = account.getId();
      this.targetEmail = account.getEmail().map(EmailAddress::value).orElse(null);
      return this;
    }

    public Builder targetEmail(String email) {
      this.targetEmail = email;
      return this;
    }

    public Builder detail(String detail) {
      this.detail = detail;
      return this;
    }

    public Builder clientAddress(String clientAddress) {
      this.clientAddress = clientAddress;
      return this;
    }

    public AuditEntry build() {
      return new AuditEntry(this);
    }
  }

  public Long getId() {
    return id;
  }

  public Instant getOccurredAt() {
    return occurredAt;
  }

  public Optional<Long> getActorAccountId() {
    return Optional.ofNullable(actorAccountId);
  }

  public Optional<Long> getTargetAccountId() {
    return Optional.ofNullable(targetAccountId);
  }

  public Optional<String> getTargetEmail() {
    return Optional.ofNullable(targetEmail);
  }

  public AuditEvent getEventType() {
    return eventType;
  }

  public Optional<String> getDetail() {
    return Optional.ofNullable(detail);
  }

  public Optional<String> getClientAddress() {
    return Optional.ofNullable(clientAddress);
  }
}
