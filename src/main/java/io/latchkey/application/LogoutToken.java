package io.latchkey.application;

import java.time.Instant;

/**
 * A verified back-channel logout token (OpenID Connect Back-Channel Logout 1.0): the provider says
 * that its session {@code sid}, or every session of {@code subject}, has ended.
 *
 * @param subject the provider's {@code sub}, or null when the token names only a session
 * @param sid the provider's session id, or null when the token names only a subject
 * @param keepUntil until when its {@code jti} must be remembered (after that the token is too old
 *     to be accepted anyway)
 */
public record LogoutToken(
    String issuer, String subject, String sid, String jti, Instant keepUntil) {}
