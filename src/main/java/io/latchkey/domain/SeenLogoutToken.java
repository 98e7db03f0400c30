package io.latchkey.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A back-channel logout token that was acted on, by its issuer and {@code jti}: the same token
 * presented again does nothing. Kept until the token would have expired anyway.
 */
@Entity
@Table(name = "seen_logout_token")
@NamedQuery(
    name = "SeenLogoutToken.removeExpired",
    query = "DELETE FROM SeenLogoutToken t WHERE t.expiresAt < :now")
public class SeenLogoutToken {

  @Id
  @Column(length = 64)
  private String id;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  protected SeenLogoutToken() {}

  public SeenLogoutToken(String issuer, String jti, Instant expiresAt) {
    this.id = idOf(issuer, jti);
    this.expiresAt = expiresAt;
  }

  /** The key of a token: SHA-256 of issuer and jti (a jti is only unique per issuer). */
  public static String idOf(String issuer, String jti) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest((issuer + "\n" + jti).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public String getId() {
    return id;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }
}
