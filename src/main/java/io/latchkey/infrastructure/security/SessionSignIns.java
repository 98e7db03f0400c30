package io.latchkey.infrastructure.security;

import io.latchkey.application.AccountService;
import io.latchkey.application.AccountView;
import io.latchkey.domain.ExternalProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Starts, resumes and ends the signed-in state kept in the HTTP session.
 *
 * <p>Resuming reads the account by primary key on every request: it is the check that makes a
 * disabled account, a changed role or "end all sessions" take effect at the next click, on
 * whichever server instance the session lives.
 */
@ApplicationScoped
public class SessionSignIns {

  /** The request attribute under which the resumed account is available to the pages. */
  public static final String CURRENT_ACCOUNT = AccountView.class.getName();

  private static final Logger LOG = Logger.getLogger(SessionSignIns.class.getName());

  @Inject AccountService accounts;
  @Inject SecuritySettings settings;

  /** Step 8–9: a new session id, holding only the account id, its generation and the time. */
  public void start(HttpServletRequest request, AccountView account) {
    start(request, account, null);
  }

  private void start(HttpServletRequest request, AccountView account, String idTokenHint) {
    HttpSession existing = request.getSession(false);
    if (existing != null && isValid(existing)) {
      request.changeSessionId();
    }
    HttpSession session = request.getSession(true);
    session.setAttribute(
        SignedInSession.ATTRIBUTE,
        new SignedInSession(account.id(), account.sessionGeneration(), Instant.now(), idTokenHint));
    session.setMaxInactiveInterval((int) settings.sessionIdleTimeout().toSeconds());
    request.setAttribute(CURRENT_ACCOUNT, account);
  }

  /**
   * Step 8–9 after a provider callback: the whole session is replaced, so that nothing the OpenID
   * mechanism kept in it (state, nonce, tokens) outlives the sign-in.
   */
  public void startFresh(HttpServletRequest request, AccountView account, String idTokenHint) {
    HttpSession previous = request.getSession(false);
    if (previous != null) {
      invalidate(previous);
    }
    start(request, account, idTokenHint);
  }

  /**
   * After a failed provider flow: the session and whatever the OpenID mechanism kept in it are
   * replaced; a user who was signed in stays signed in.
   */
  public void discard(HttpServletRequest request) {
    Optional<SignedInSession> signedIn = current(request);
    HttpSession session = request.getSession(false);
    if (session != null) {
      invalidate(session);
    }
    signedIn.ifPresent(s -> request.getSession(true).setAttribute(SignedInSession.ATTRIBUTE, s));
  }

  /** The user authenticated again: the sign-in time moves to now, under a new session id. */
  public void reauthenticated(HttpServletRequest request) {
    current(request)
        .ifPresent(
            signedIn -> {
              request.changeSessionId();
              request
                  .getSession()
                  .setAttribute(
                      SignedInSession.ATTRIBUTE, signedIn.reauthenticatedAt(Instant.now()));
            });
  }

  /** Whether this session's user authenticated within the re-authentication window. */
  public boolean authenticatedRecently(HttpServletRequest request) {
    return authenticatedWithin(request, settings.reauthenticateAfter());
  }

  /** Whether this session's user authenticated within the admin's re-authentication window. */
  public boolean adminAuthenticatedRecently(HttpServletRequest request) {
    return authenticatedWithin(request, settings.adminReauthenticateAfter());
  }

  private boolean authenticatedWithin(HttpServletRequest request, java.time.Duration window) {
    return current(request).filter(s -> !s.isOlderThan(window, Instant.now())).isPresent();
  }

  // Pending link and provider intent -----------------------------------------------------------

  /** Starts a fresh session holding only the identity that waits for its link to be confirmed. */
  public PendingLink holdPendingLink(
      HttpServletRequest request, long accountId, String accountEmail, ExternalProfile identity) {
    discard(request);
    PendingLink pending =
        new PendingLink(
            SupportIds.next() + SupportIds.next(),
            accountId,
            accountEmail,
            identity,
            Instant.now());
    request.getSession(true).setAttribute(PendingLink.ATTRIBUTE, pending);
    return pending;
  }

  /** The pending link of this session, unless it expired (an expired one is dropped). */
  public Optional<PendingLink> pendingLink(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null
        || !(session.getAttribute(PendingLink.ATTRIBUTE) instanceof PendingLink pending)) {
      return Optional.empty();
    }
    if (pending.isExpired(Instant.now())) {
      session.removeAttribute(PendingLink.ATTRIBUTE);
      return Optional.empty();
    }
    return Optional.of(pending);
  }

  public void clearPendingLink(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.removeAttribute(PendingLink.ATTRIBUTE);
    }
  }

  void recordIntent(HttpServletRequest request, ProviderIntent intent) {
    request.getSession(true).setAttribute(ProviderIntent.ATTRIBUTE, intent);
  }

  /** The intent of the flow this callback ends, taken out of the session (single use). */
  Optional<ProviderIntent> takeIntent(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null
        || !(session.getAttribute(ProviderIntent.ATTRIBUTE) instanceof ProviderIntent intent)) {
      return Optional.empty();
    }
    session.removeAttribute(ProviderIntent.ATTRIBUTE);
    return Optional.of(intent);
  }

  /** After the user changed a credential: this session carries on, all others end. */
  public void renew(HttpServletRequest request, AccountView account) {
    start(request, account, current(request).map(SignedInSession::idTokenHint).orElse(null));
  }

  /**
   * Step 10: the account of this request's session, if the session is signed in and still valid; a
   * session that is no longer valid is ended here.
   */
  public Optional<AccountView> resume(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null
        || !(session.getAttribute(SignedInSession.ATTRIBUTE) instanceof SignedInSession signedIn)) {
      return Optional.empty();
    }
    Optional<AccountView> account = accounts.find(signedIn.accountId());
    String ended = null;
    if (signedIn.isOlderThan(settings.sessionMaxAge(), Instant.now())) {
      ended = "it reached its maximum age";
    } else if (account.isEmpty()) {
      ended = "the account no longer exists";
    } else if (!account.get().isActive()) {
      ended = "the account is disabled";
    } else if (account.get().sessionGeneration() != signedIn.generation()) {
      ended = "the account's sessions were ended";
    }
    if (ended != null) {
      String reason = ended;
      LOG.info(() -> "Session of account " + signedIn.accountId() + " ended: " + reason);
      invalidate(session);
      return Optional.empty();
    }
    request.setAttribute(CURRENT_ACCOUNT, account.get());
    return account;
  }

  /** The sign-in of this session, if any, without checking the account. */
  public Optional<SignedInSession> current(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session != null
            && session.getAttribute(SignedInSession.ATTRIBUTE) instanceof SignedInSession s
        ? Optional.of(s)
        : Optional.empty();
  }

  /** Sign-out: the session is invalidated and the browser told to forget its cookie. */
  public void end(HttpServletRequest request, HttpServletResponse response) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      invalidate(session);
    }
    String name = request.getServletContext().getSessionCookieConfig().getName();
    Cookie cookie = new Cookie(name == null ? "JSESSIONID" : name, "");
    cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
    cookie.setMaxAge(0);
    cookie.setHttpOnly(true);
    cookie.setSecure(settings.isSecure());
    cookie.setAttribute("SameSite", "Lax");
    response.addCookie(cookie);
  }

  private static boolean isValid(HttpSession session) {
    try {
      session.getCreationTime();
      return true;
    } catch (IllegalStateException invalidated) {
      return false;
    }
  }

  private static void invalidate(HttpSession session) {
    try {
      session.invalidate();
    } catch (IllegalStateException alreadyInvalidated) {
      // Another request of the same session got there first: the outcome is the same.
    }
  }
}
