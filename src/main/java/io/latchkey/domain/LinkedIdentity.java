package io.latchkey.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An identity at an OpenID provider, linked to one local account.
 *
 * <p>It is keyed on (issuer, subject), never on email: a provider may reassign or change an email
 * address, but it never reassigns a subject within its issuer.
 */
@Entity
@Table(name = "linked_identity")
public class LinkedIdentity {

  @Id
  @SequenceGenerator(
      name = "linked_identity_seq",
      sequenceName = "linked_identity_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "linked_identity_seq")
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "account_id", nullable = false)
  private Account account;

  @Column(nullable = false, length = 255)
  private String issuer;

  @Column(nullable = false, length = 255)
  private String subject;

  @Column(name = "email_at_link", length = EmailAddress.MAX_LENGTH)
  private String emailAtLink;

  @Column(name = "linked_at", nullable = false)
  private Instant linkedAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  protected LinkedIdentity() {}

  public LinkedIdentity(
      Account account, String issuer, String subject, String emailAtLink, Instant now) {
    this.account = Objects.requireNonNull(account);
    this.issuer = Objects.requireNonNull(issuer);
    this.subject = Objects.requireNonNull(subject);
    this.emailAtLink = emailAtLink;
    this.linkedAt = now;
    this.lastUsedAt = now;
  }

  /** Records a sign-in through this identity. */
  public void used(Instant now) {
    lastUsedAt = now;
  }

  public Long getId() {
    return id;
  }

  public Account getAccount() {
    return account;
  }

  public String getIssuer() {
    return issuer;
  }

  public String getSubject() {
    return subject;
  }

  public Optional<String> getEmailAtLink() {
    return Optional.ofNullable(emailAtLink);
  }

  public Instant getLinkedAt() {
    return linkedAt;
  }

  public Optional<Instant> getLastUsedAt() {
    return Optional.ofNullable(lastUsedAt);
  }
}
