package io.latchkey.application;

import java.time.Instant;

/**
 * A role of an account and where it comes from: granted by an admin (id and email at the time of
 * reading), held by every account, or given by {@code LATCHKEY_ADMIN_EMAIL}.
 */
public record RoleGrantView(
    String role,
    Long grantedBy,
    String grantedByEmail,
    Instant grantedAt,
    boolean byConfiguration) {}
