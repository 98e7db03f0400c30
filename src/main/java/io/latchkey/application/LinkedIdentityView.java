package io.latchkey.application;

import java.time.Instant;

/** A provider identity linked to an account, as the account page shows it. */
public record LinkedIdentityView(
    long id,
    String issuer,
    String subject,
    String emailAtLink,
    boolean emailVerified,
    Instant linkedAt,
    Instant lastUsedAt) {}
