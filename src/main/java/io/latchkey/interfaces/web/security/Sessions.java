package io.latchkey.interfaces.web.security;

import io.latchkey.application.AccountStates;
import io.latchkey.application.AccountView;
import io.latchkey.application.SessionRecords;
import io.latchkey.application.settings.SecuritySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The one place where a signed-in session starts (step 8–9), is resumed (step 10), renewed and
 * ended. Every path that signs someone in — password, provider, link, re-authentication — comes
 * through here.
 *
 * <p>Resuming checks the account's state (status, roles, session generation) and the session's
 * record on every request, each read from the database at most once per {@link
 * AccountStates#RECHECK} on an instance: a disabled account, a changed role or an ended session
 * takes effect at the next click on the instance that made the change, and within 5 seconds on
 * every other. The idle and absolute limits are enforced here with the injected {@link Clock} (the
 * container's own session timeout is only a backstop).
 */
@ApplicationScoped
public class Sessions {

  /** The request attribute under which the resumed account is available to the pages. */
  public static final String CURRENT_ACCOUNT = AccountView.class.getName();

  /** How a password sign-in is named in {@link SignedInSession#method()}. */
  public static final String PASSWORD = SessionRecords.PASSWORD;

  private static final Logger LOG = Logger.getLogger(Sessions.class.getName());

  @Inject AccountStates accountStates;
  @Inject SessionRecords records;
  @Inject SecuritySettings settings;
  @Inject Clock clock;

  /**
   * Steps 8–9: the account is signed in under a new session. Nothing of the session before it
   * survives (a pending flow, the OpenID mechanism's state and nonce, another account's sign-in).
   * The new session gets its record, where its owner sees it and may end it from another device.
   *
   * @param method {@link #PASSWORD} or the provider's id
   * @param idTokenHint the id_token for a later logout at the provider, or null
   * @param providerSid the provider's session id (the id_token's {@code sid}), or null
   */
  public void start(
      HttpServletRequest request,
      AccountView account,
      String method,
      String idTokenHint,
      String providerSid) {
    invalidate(request.getSession(false));
    HttpSession session = request.getSession(true);
    String recordId =
        records.open(
            account.id(),
            method,
            request.getRemoteAddr(),
            request.getHeader("User-Agent"),
            providerSid);
    session.setAttribute(
        SignedInSession.ATTRIBUTE,
        SignedInSession.startedAt(
            clock.instant(),
            account.id(),
            account.sessionGeneration(),
            method,
            idTokenHint,
            recordId));
    accountStates.signedIn(account);
    request.setAttribute(CURRENT_ACCOUNT, account);
  }

  /**
   * A password sign-in (steps P3, L3): as {@link #start(HttpServletRequest, AccountView, String,
   * String, String)}.
   */
  public void startWithPassword(HttpServletRequest request, AccountView account) {
    start(request, account, PASSWORD, null, null);
  }

  /** The user authenticated again: the re-authentication window restarts, under a new id. */
  public void reauthenticated(HttpServletRequest request) {
    carryOn(request, signedIn -> signedIn.reauthenticatedAt(clock.instant()));
  }

  /** After the user changed a credential: this session carries on (new id), all others end. */
  public void renew(HttpServletRequest request, AccountView changed) {
    carryOn(request, signedIn -> signedIn.withGeneration(changed.sessionGeneration()));
    records.endAllOf(changed.id(), current(request).map(SignedInSession::recordId).orElse(null));
    request.setAttribute(CURRENT_ACCOUNT, changed);
  }

  /** The same sign-in, changed, under a new session id (the old id is worth nothing after it). */
  private void carryOn(HttpServletRequest request, UnaryOperator<SignedInSession> change) {
    Optional<SignedInSession> signedIn = current(request);
    if (signedIn.isPresent()) {
      request.changeSessionId();
      request.getSession().setAttribute(SignedInSession.ATTRIBUTE, change.apply(signedIn.get()));
    }
  }

  /**
   * Step 10: the account of this request's session, if the session is signed in and still valid; a
   * session that is no longer valid is ended here.
   */
  public Optional<AccountView> resume(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Optional<SignedInSession> found = SignedInSession.in(session);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    SignedInSession signedIn = found.get();
    Instant now = clock.instant();
    String ended = signedIn.expiry(settings.sessionIdleTimeout(), settings.sessionMaxAge(), now);
    Optional<AccountView> account =
        ended == null ? accountStates.find(signedIn.accountId()) : Optional.empty();
    if (ended == null && account.isEmpty()) {
      ended = "the account no longer exists";
    } else if (ended == null && !account.get().isActive()) {
      ended = "the account is disabled";
    } else if (ended == null && account.get().sessionGeneration() != signedIn.generation()) {
      ended = "the account's sessions were ended";
    } else if (ended == null && !recordStillOpen(signedIn, now)) {
      ended = "the session was ended from another session or by an admin";
    }
    if (ended != null) {
      String reason = ended;
      LOG.info(() -> "Session of account " + signedIn.accountId() + " ended: " + reason);
      invalidate(session);
      return Optional.empty();
    }
    if (signedIn.needsLastSeenUpdate(now)) {
      session.setAttribute(SignedInSession.ATTRIBUTE, signedIn.seenAt(now));
    }
    request.setAttribute(CURRENT_ACCOUNT, account.get());
    return account;
  }

  /** Whether the session's record is still there; once a minute this also writes "last seen". */
  private boolean recordStillOpen(SignedInSession signedIn, Instant now) {
    if (signedIn.recordId() == null) {
      return true; // signed in before records existed (a session replicated from an older build)
    }
    return signedIn.needsLastSeenUpdate(now)
        ? records.seen(signedIn.recordId())
        : records.isOpen(signedIn.recordId());
  }

  /** The sign-in of this session, if any, without checking the account. */
  public Optional<SignedInSession> current(HttpServletRequest request) {
    return SignedInSession.in(request.getSession(false));
  }

  /** Whether this session's user authenticated within the window. */
  public boolean authenticatedWithin(HttpServletRequest request, Duration window) {
    return current(request).filter(s -> s.authenticatedWithin(window, clock.instant())).isPresent();
  }

  /** Whether this session's user authenticated within the re-authentication window. */
  public boolean authenticatedRecently(HttpServletRequest request) {
    return authenticatedWithin(request, settings.reauthenticateAfter());
  }

  /**
   * After a failed or abandoned flow: whatever it kept in the session (a pending link, the OpenID
   * mechanism's state) goes; a user who was signed in stays signed in, under a new session id.
   */
  public void discard(HttpServletRequest request) {
    Optional<SignedInSession> signedIn = current(request);
    if (signedIn.isPresent()) {
      // The sign-in moves to the new session: its record must outlive the old one.
      request.getSession().removeAttribute(SignedInSession.ATTRIBUTE);
    }
    invalidate(request.getSession(false));
    signedIn.ifPresent(s -> request.getSession(true).setAttribute(SignedInSession.ATTRIBUTE, s));
  }

  /**
   * Whether another request of this session ended it while this one ran (Undertow, wrapped by
   * WildFly, still hands out the ended session, whose every use then throws).
   */
  public boolean endedMeanwhile(HttpServletRequest request) {
    if (request.getRequestedSessionId() == null) {
      return false;
    }
    HttpSession session = request.getSession(false);
    if (session == null) {
      return true;
    }
    try {
      session.getAttribute(SignedInSession.ATTRIBUTE);
      return !request.isRequestedSessionIdValid();
    } catch (IllegalStateException ended) {
      return true;
    }
  }

  /** Sign-out: the session is invalidated and the browser told to forget its cookie. */
  public void end(HttpServletRequest request, HttpServletResponse response) {
    invalidate(request.getSession(false));
    String name = request.getServletContext().getSessionCookieConfig().getName();
    Cookie cookie = new Cookie(name == null ? "JSESSIONID" : name, "");
    cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
    cookie.setMaxAge(0);
    cookie.setHttpOnly(true);
    cookie.setSecure(settings.isSecure());
    cookie.setAttribute("SameSite", "Lax");
    response.addCookie(cookie);
  }

  private static void invalidate(HttpSession session) {
    if (session == null) {
      return;
    }
    try {
      session.invalidate();
    } catch (IllegalStateException alreadyInvalidated) {
      // Another request of the same session got there first: the outcome is the same.
    }
  }
}
