package io.latchkey.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
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
@NamedQuery(
    name = "LinkedIdentity.bySubject",
    query =
        "SELECT i FROM LinkedIdentity i JOIN FETCH i.account"
            + " WHERE i.issuer = :issuer AND i.subject = :subject")
@NamedQuery(
    name = "LinkedIdentity.ofAccount",
    query =
        "SELECT i FROM LinkedIdentity i WHERE i.account.id = :account ORDER BY i.linkedAt, i.id")
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

  @Column(name = "email_verified", nullable = false)
  private boolean emailVerified;

  @Column(length = 200)
  private String name;

  @Column(length = 2000)
  private String picture;

  @Column(name = "linked_at", nullable = false)
  private Instant linkedAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  protected LinkedIdentity() {}

  /**
   * Links an identity to an account, recording what the provider said about the person at link time
   * (values too long for their columns are cut, never refused).
   */
  public LinkedIdentity(Account account, ProviderIdentity profile, Instant now) {
    this.account = Objects.requireNonNull(account);
    this.issuer = profile.key().issuer();
    this.subject = profile.key().subject();
    this.emailAtLink = Texts.cut(profile.email(), EmailAddress.MAX_LENGTH);
    this.emailVerified = profile.emailVerified();
    this.name = Texts.cut(profile.name(), 200);
    this.picture = Texts.cut(profile.picture(), 2000);
    this.linkedAt = now;
    this.lastUsedAt = now;
  }

  /** Records a sign-in through this identity. */
  public void used(Instant now) {
    lastUsedAt = now;
  }

  public long getId() {
    return id;
  }

  public IdentityKey getIdentityKey() {
    return new IdentityKey(issuer, subject);
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

  public boolean isEmailVerified() {
    return emailVerified;
  }

  /** Whether the provider verified, at link time, that this identity has exactly this email. */
  public boolean provesEmail(String normalisedEmail) {
    return emailVerified
        && EmailAddress.parse(emailAtLink)
            .map(e -> e.value().equals(normalisedEmail))
            .orElse(false);
  }

  public Optional<String> getName() {
    return Optional.ofNullable(name);
  }

  public Optional<String> getPicture() {
    return Optional.ofNullable(picture);
  }

  public Instant getLinkedAt() {
    return linkedAt;
  }

  public Optional<Instant> getLastUsedAt() {
    return Optional.ofNullable(lastUsedAt);
  }
}
