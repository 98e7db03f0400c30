package io.latchkey.interfaces.web.security;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * All that an HTTP session remembers of a sign-in: ids and times, never the account itself, so that
 * it stays small, serializable and replicable, and so that roles and status are read fresh.
 *
 * @param accountId the signed-in account
 * @param generation the account's session generation at sign-in; a credential change or an admin
 *     bumps it to end the session
 * @param method how the session signed in: {@code password} or the provider's id
 * @param signedInAt the first sign-in of this session: the absolute limit counts from here, and no
 *     later step moves it
 * @param authenticatedAt the user's last real authentication (the sign-in, or a re-authentication
 *     with the password or at the provider): the re-authentication windows count from here
 * @param lastSeenAt the last request, rounded to {@link #LAST_SEEN_PRECISION}: the idle limit
 *     counts from here
 * @param idTokenHint the provider's id_token, kept only when {@code OIDC_LOGOUT_AT_PROVIDER} is on
 *     and only as the hint that logout at the provider needs (about 1 KB); never used to sign in
 * @param recordId the id of this session's record ({@code SessionRecords}): where its owner sees it
 *     and ends it from
 * @param formToken a random value that every form shown to this sign-in carries and every post of
 *     it must send back ({@code FormTokens}): with the origin check, what protects its forms
 *     against cross-site request forgery; it changes with every sign-in
 */
public record SignedInSession(
    long accountId,
    int generation,
    String method,
    Instant signedInAt,
    Instant authenticatedAt,
    Instant lastSeenAt,
    String idTokenHint,
    String recordId,
    String formToken)
    implements Serializable {

  private static final long serialVersionUID = 4L;

  static final String ATTRIBUTE = "io.latchkey.signedIn";

  /** How often the last-seen time is written back (each write is a session change to replicate). */
  static final Duration LAST_SEEN_PRECISION = Duration.ofMinutes(1);

  static SignedInSession startedAt(
      Instant now,
      long accountId,
      int generation,
      String method,
      String idTokenHint,
      String recordId) {
    return new SignedInSession(
        accountId,
        generation,
        method,
        now,
        now,
        now,
        idTokenHint,
        recordId,
        RandomTokens.newToken());
  }

  /** The sign-in kept in {@code session}, if any (none in a session that has just ended). */
  public static Optional<SignedInSession> in(HttpSession session) {
    try {
      return session != null && session.getAttribute(ATTRIBUTE) instanceof SignedInSession s
          ? Optional.of(s)
          : Optional.empty();
    } catch (IllegalStateException invalidated) {
      return Optional.empty();
    }
  }

  /** Whether {@code candidate} is this sign-in's form token (in constant time). */
  public boolean formTokenIs(String candidate) {
    return candidate != null
        && MessageDigest.isEqual(
            formToken.getBytes(StandardCharsets.US_ASCII),
            candidate.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The token of the links that open a page only the application's own links may open ({@code
   * admin/action}): derived one way from the form token, so that a URL (history, logs) never
   * carries the form token itself.
   */
  public String linkToken() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("latchkey link " + formToken).getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Whether {@code candidate} is this sign-in's {@link #linkToken()}, in constant time. */
  public boolean linkTokenIs(String candidate) {
    return candidate != null
        && MessageDigest.isEqual(
            linkToken().getBytes(StandardCharsets.US_ASCII),
            candidate.getBytes(StandardCharsets.US_ASCII));
  }

  /** Whether the user authenticated within the window before {@code now}. */
  boolean authenticatedWithin(Duration window, Instant now) {
    return !authenticatedAt.plus(window).isBefore(now);
  }

  /** Why this session has ended by time alone, or null while it lasts. */
  String expiry(Duration idleLimit, Duration absoluteLimit, Instant now) {
    if (signedInAt.plus(absoluteLimit).isBefore(now)) {
      return "it reached its maximum age";
    }
    if (lastSeenAt.plus(idleLimit).isBefore(now)) {
      return "it was idle too long";
    }
    return null;
  }

  boolean needsLastSeenUpdate(Instant now) {
    return !lastSeenAt.plus(LAST_SEEN_PRECISION).isAfter(now);
  }

  SignedInSession seenAt(Instant now) {
    return new SignedInSession(
        accountId,
        generation,
        method,
        signedInAt,
        authenticatedAt,
        now,
        idTokenHint,
        recordId,
        formToken);
  }

  /** The same sign-in, authenticated again now; the absolute limit still counts from the start. */
  SignedInSession reauthenticatedAt(Instant now) {
    return new SignedInSession(
        accountId, generation, method, signedInAt, now, now, idTokenHint, recordId, formToken);
  }

  /** The same sign-in after the account's credentials changed under this session. */
  SignedInSession withGeneration(int newGeneration) {
    return new SignedInSession(
        accountId,
        newGeneration,
        method,
        signedInAt,
        authenticatedAt,
        lastSeenAt,
        idTokenHint,
        recordId,
        formToken);
  }
}
