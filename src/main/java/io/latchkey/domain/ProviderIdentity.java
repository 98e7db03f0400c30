package io.latchkey.domain;

import java.io.Serializable;
import java.util.Optional;

/**
 * An identity: what a provider asserted about a person in a validated id_token (or its userinfo):
 * the key (issuer, subject), and the claims Latchkey records (email, whether the provider verified
 * it, name, picture).
 *
 * @param email as the provider gave it; may be null
 * @param emailVerified true only when the provider said {@code email_verified: true}
 */
public record ProviderIdentity(
    IdentityKey key, String email, boolean emailVerified, String name, String picture)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The email, normalised, when the provider verified it: the only kind that may match. */
  public Optional<EmailAddress> verifiedEmail() {
    return emailVerified ? EmailAddress.parse(email) : Optional.empty();
  }

  /** The email, normalised, whether verified or not (for refusing to reuse a taken one). */
  public Optional<EmailAddress> anyEmail() {
    return EmailAddress.parse(email);
  }

  /** A display name for a new account: the name claim, else the email's local part. */
  public String displayName() {
    String candidate = name == null ? "" : Texts.visible(name).strip();
    if (candidate.isEmpty()) {
      candidate = anyEmail().map(e -> e.value().substring(0, e.value().indexOf('@'))).orElse("");
    }
    if (candidate.isEmpty()) {
      candidate = "User";
    }
    return candidate.codePointCount(0, candidate.length()) > Account.MAX_DISPLAY_NAME_LENGTH
        ? candidate.substring(0, candidate.offsetByCodePoints(0, Account.MAX_DISPLAY_NAME_LENGTH))
        : candidate;
  }
}
