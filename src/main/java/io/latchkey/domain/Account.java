package io.latchkey.domain;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A local Latchkey account: the principal of every sign-in, whatever method was used.
 *
 * <p>The account owns the rules that must hold however it is reached: the email is stored
 * normalised, consecutive failed password sign-ins pause further attempts for a growing but bounded
 * time (the owner is never locked out for good), and every credential change bumps the session
 * generation so that sessions opened before the change stop working on their next request, on any
 * server instance.
 */
@Entity
@Table(name = "account")
@NamedQuery(name = "Account.byEmail", query = "SELECT a FROM Account a WHERE a.email = :email")
@NamedQuery(
    name = "Account.withRoles",
    query = "SELECT a FROM Account a LEFT JOIN FETCH a.roleGrants WHERE a.id = :id")
public class Account {

  /** Consecutive failures that are tolerated before sign-in is paused. */
  public static final int FAILURES_BEFORE_PAUSE = 5;

  /** The first pause; each further failure doubles it. */
  public static final Duration FIRST_PAUSE = Duration.ofSeconds(30);

  /** The longest pause, however many failures: the owner can always come back. */
  public static final Duration LONGEST_PAUSE = Duration.ofMinutes(15);

  public static final int MAX_DISPLAY_NAME_LENGTH = 100;

  @Id
  @SequenceGenerator(name = "account_seq", sequenceName = "account_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "account_seq")
  private Long id;

  /**
   * Empty only for accounts registered through a provider that did not verify the email it gave: an
   * unverified address is never allowed to claim one.
   */
  @Column(unique = true, length = EmailAddress.MAX_LENGTH)
  private String email;

  @Column(name = "display_name", nullable = false, length = MAX_DISPLAY_NAME_LENGTH)
  private String displayName;

  /** Empty for accounts that sign in only through a provider. */
  @Column(name = "password_hash")
  private String passwordHash;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private AccountStatus status;

  /** The display name lower-cased, for prefix search on an index. */
  @Column(name = "search_name", nullable = false, length = MAX_DISPLAY_NAME_LENGTH)
  private String searchName;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "account_role", joinColumns = @JoinColumn(name = "account_id"))
  private Set<RoleGrant> roleGrants = new HashSet<>();

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "last_sign_in_at")
  private Instant lastSignInAt;

  @Column(name = "failed_sign_ins", nullable = false)
  private int failedSignIns;

  @Column(name = "sign_in_paused_until")
  private Instant signInPausedUntil;

  @Column(name = "session_generation", nullable = false)
  private int sessionGeneration;

  @Version private long version;

  @OneToMany(mappedBy = "account", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("linkedAt")
  private List<LinkedIdentity> identities = new ArrayList<>();

  protected Account() {}

  private Account(EmailAddress email, String displayName, String passwordHash, Instant now) {
    this.email = email == null ? null : email.value();
    this.displayName = requireDisplayName(displayName);
    this.searchName = this.displayName.toLowerCase(Locale.ROOT);
    this.passwordHash = passwordHash;
    this.status = AccountStatus.ACTIVE;
    this.roleGrants.add(new RoleGrant(Role.USER, null, now));
    this.createdAt = now;
  }

  /** A new active account that signs in with a password (already hashed by the caller). */
  public static Account registerWithPassword(
      EmailAddress email, String displayName, String passwordHash, Instant now) {
    return new Account(email, displayName, Objects.requireNonNull(passwordHash), now);
  }

  /**
   * A new active account for someone who signed in through a provider for the first time; it has no
   * password. The email is kept only when the provider verified it.
   */
  public static Account registerWithProvider(
      Optional<EmailAddress> verifiedEmail, String displayName, Instant now) {
    return new Account(verifiedEmail.orElse(null), displayName, null, now);
  }

  // Sign-in ------------------------------------------------------------------------------------

  /** True while failed attempts have paused password sign-in. */
  public boolean isSignInPaused(Instant now) {
    return signInPausedUntil != null && now.isBefore(signInPausedUntil);
  }

  /** Records a successful sign-in: the failure count starts again from zero. */
  public void signedIn(Instant now) {
    failedSignIns = 0;
    signInPausedUntil = null;
    lastSignInAt = now;
  }

  /**
   * Records a sign-in through a provider. The count of failed password attempts is left alone: a
   * provider sign-in says nothing about who is guessing the password.
   */
  public void signedInThroughProvider(Instant now) {
    lastSignInAt = now;
  }

  /**
   * Records a failed password attempt.
   *
   * @return the pause that this failure started, if it started one
   */
  public Optional<Duration> signInFailed(Instant now) {
    failedSignIns++;
    if (failedSignIns < FAILURES_BEFORE_PAUSE) {
      return Optional.empty();
    }
    int doublings = Math.min(failedSignIns - FAILURES_BEFORE_PAUSE, 10);
    Duration pause = FIRST_PAUSE.multipliedBy(1L << doublings);
    if (pause.compareTo(LONGEST_PAUSE) > 0) {
      pause = LONGEST_PAUSE;
    }
    signInPausedUntil = now.plus(pause);
    return Optional.of(pause);
  }

  // Administration -----------------------------------------------------------------------------

  /** Stops every sign-in to the account; its sessions end at their next request. */
  public void disable() {
    status = AccountStatus.DISABLED;
    endAllSessions();
  }

  public void enable() {
    status = AccountStatus.ACTIVE;
  }

  /**
   * Grants a role, recording who granted it.
   *
   * @return false when the account already had it
   */
  public boolean grant(Role role, long grantedBy, Instant now) {
    return roleGrants.add(new RoleGrant(role, grantedBy, now));
  }

  /**
   * Revokes a role (every account keeps USER).
   *
   * @return false when the account did not have it
   */
  public boolean revoke(Role role) {
    if (role == Role.USER) {
      throw new IllegalArgumentException("every account has the user role");
    }
    return roleGrants.removeIf(grant -> grant.getRole() == role);
  }

  // Linked identities --------------------------------------------------------------------------

  /** Links a provider identity to this account; (issuer, subject) must not be linked elsewhere. */
  public LinkedIdentity link(ProviderIdentity asserted, Instant now) {
    LinkedIdentity identity = new LinkedIdentity(this, asserted, now);
    identities.add(identity);
    return identity;
  }

  /**
   * The verified owner of this account's email claims it: their identity is linked, and every other
   * linked identity that does not carry the same email verified by its provider is removed, with
   * every session. Whoever registered the address first and linked an identity of their own
   * (pre-account-takeover) keeps nothing.
   *
   * @param owner an identity whose provider verified this account's email
   * @return the identities removed
   */
  public List<LinkedIdentity> claimBy(ProviderIdentity owner, Instant now) {
    if (email == null || !owner.verifiedEmail().map(e -> e.value().equals(email)).orElse(false)) {
      throw new IllegalArgumentException("only the verified owner of the email claims an account");
    }
    List<LinkedIdentity> removed =
        identities.stream().filter(identity -> !identity.provesEmail(email)).toList();
    identities.removeAll(removed);
    link(owner, now);
    endAllSessions();
    return removed;
  }

  /**
   * Removes a linked identity.
   *
   * @param evenTheLastMethod whether the account may be left without any way to sign in (an admin
   *     may do this to a disabled account)
   * @throws NoSuchIdentityException when the identity is not linked to this account
   * @throws LastSignInMethodException when it is the account's only way to sign in
   */
  public LinkedIdentity unlink(long identityId, boolean evenTheLastMethod) {
    LinkedIdentity identity =
        identities.stream()
            .filter(candidate -> candidate.getId() == identityId)
            .findFirst()
            .orElseThrow(NoSuchIdentityException::new);
    if (!evenTheLastMethod && !hasPassword() && identities.size() == 1) {
      throw new LastSignInMethodException();
    }
    identities.remove(identity);
    return identity;
  }

  public List<LinkedIdentity> getIdentities() {
    return Collections.unmodifiableList(identities);
  }

  // Credentials and sessions -------------------------------------------------------------------

  /** Replaces the password hash and ends every session opened before this change. */
  public void changePasswordHash(String newPasswordHash) {
    this.passwordHash = Objects.requireNonNull(newPasswordHash);
    endAllSessions();
  }

  /** Gives an account that signs in only through providers a password as well. */
  public void setFirstPassword(String passwordHash) {
    if (hasPassword()) {
      throw new IllegalStateException("the account has a password; change it instead");
    }
    if (email == null) {
      throw new IllegalStateException("without an email there is nothing to sign in with");
    }
    changePasswordHash(passwordHash);
  }

  /**
   * Removes the password of an account whose email a provider has just proven, when the password
   * was set by someone who never proved it (see the pre-account-takeover policy in the README).
   * Every session ends with it.
   */
  public void revokeUnprovenPassword() {
    if (identities.isEmpty()) {
      throw new LastSignInMethodException();
    }
    passwordHash = null;
    endAllSessions();
  }

  /** Sessions carry the generation they were opened in; bumping it ends all of them. */
  public void endAllSessions() {
    sessionGeneration++;
  }

  public boolean isActive() {
    return status == AccountStatus.ACTIVE;
  }

  public boolean hasPassword() {
    return passwordHash != null && !passwordHash.isEmpty();
  }

  // Accessors ----------------------------------------------------------------------------------

  public Long getId() {
    return id;
  }

  public Optional<EmailAddress> getEmail() {
    return Optional.ofNullable(email).map(EmailAddress::new);
  }

  public String getDisplayName() {
    return displayName;
  }

  public Optional<String> getPasswordHash() {
    return hasPassword() ? Optional.of(passwordHash) : Optional.empty();
  }

  public AccountStatus getStatus() {
    return status;
  }

  public Set<Role> getRoles() {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    roleGrants.forEach(grant -> roles.add(grant.getRole()));
    return roles;
  }

  public Set<RoleGrant> getRoleGrants() {
    return Collections.unmodifiableSet(roleGrants);
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Optional<Instant> getLastSignInAt() {
    return Optional.ofNullable(lastSignInAt);
  }

  public int getFailedSignIns() {
    return failedSignIns;
  }

  public int getSessionGeneration() {
    return sessionGeneration;
  }

  /** Whether a display name chosen by a person is acceptable (see {@link #requireDisplayName}). */
  public static boolean acceptsDisplayName(String displayName) {
    try {
      requireDisplayName(displayName);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String requireDisplayName(String displayName) {
    String trimmed = displayName == null ? "" : Texts.nfc(displayName.strip());
    if (trimmed.isEmpty()
        || trimmed.codePointCount(0, trimmed.length()) > MAX_DISPLAY_NAME_LENGTH
        || Texts.hasInvisible(trimmed)) {
      throw new IllegalArgumentException(
          "display name must have 1 to 100 visible characters, without invisible ones");
    }
    return trimmed;
  }
}
