package io.latchkey.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A role an account holds, with who granted it and when (nobody, for the USER role). */
@Embeddable
public class RoleGrant {

  @Enumerated(EnumType.STRING)
  @Column(name = "role_name", nullable = false, length = 16)
  private Role role;

  @Column(name = "granted_by_account_id")
  private Long grantedBy;

  @Column(name = "granted_at")
  private Instant grantedAt;

  protected RoleGrant() {}

  RoleGrant(Role role, Long grantedBy, Instant grantedAt) {
    this.role = Objects.requireNonNull(role);
    this.grantedBy = grantedBy;
    this.grantedAt = grantedAt;
  }

  public Role getRole() {
    return role;
  }

  /** The admin who granted it; empty for roles every account has. */
  public Optional<Long> getGrantedBy() {
    return Optional.ofNullable(grantedBy);
  }

  public Optional<Instant> getGrantedAt() {
    return Optional.ofNullable(grantedAt);
  }

  /** One grant per role: equal when the role is. */
  @Override
  public boolean equals(Object other) {
    return other instanceof RoleGrant grant && grant.role == role;
  }

  @Override
  public int hashCode() {
    return role.hashCode();
  }
}
