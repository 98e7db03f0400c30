package io.latchkey.application;

import io.latchkey.domain.LinkedIdentity;
import java.time.Instant;

/** A provider identity linked to an account, as the account page shows it. */
public record LinkedIdentityView(
    long id,
    String issuer,
    String subject,
    String emailAtLink,
    boolean emailVerified,
    Instant linkedAt,
    Instant lastUsedAt) {

  static LinkedIdentityView of(LinkedIdentity identity) {
    return new LinkedIdentityView(
        identity.getId(),
        identity.getIssuer(),
        identity.getSubject(),
        identity.getEmailAtLink().orElse(null),
        identity.isEmailVerified(),
        identity.getLinkedAt(),
        identity.getLastUsedAt().orElse(null));
  }
}
