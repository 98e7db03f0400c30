package io.latchkey.interfaces.web.security;

import io.latchkey.application.SignInOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a provider flow leaves in the browser's session between two requests: the intent of a
 * signed-in user's flow (from its start to its callback) and a link waiting for the account's
 * password (from the callback to {@code /link}), both expiring after minutes and single use; and
 * the PKCE verifier of the flow last started (from its start to its callback).
 */
@ApplicationScoped
public class ProviderFlows {

  private static final String INTENT = "io.latchkey.providerIntent";
  private static final String PENDING_LINK = "io.latchkey.pendingLink";
  private static final String CODE_VERIFIER = "io.latchkey.codeVerifier";

  /** The PKCE verifier of the flow that the mechanism started with this state. */
  private record CodeVerifier(String state, String verifier) implements Serializable {}

  /**
   * Link confirmations of one session run one at a time; sessions share one of these locks by their
   * id's hash (a bounded set, nothing to clean up; two sessions rarely wait on each other).
   */
  private static final Object[] LINK_LOCKS = new Object[64];

  static {
    Arrays.setAll(LINK_LOCKS, i -> new Object());
  }

  @Inject Clock clock;

  /** Step 1, for a signed-in user: why this browser goes to the provider. */
  void recordIntent(
      HttpServletRequest request,
      ProviderIntent.Kind kind,
      long account,
      ReturnTo then,
      Long identityId) {
    request
        .getSession(true)
        .setAttribute(INTENT, new ProviderIntent(kind, account, clock.instant(), then, identityId));
  }

  /**
   * Steps 4 and 7: the intent of the flow this callback completes, if any; it stays until the
   * callback ends it.
   */
  Optional<ProviderIntent> intent(HttpServletRequest request) {
    return attribute(request, INTENT, ProviderIntent.class);
  }

  /** Whether the intent is too old to be acted on. */
  boolean isExpired(ProviderIntent intent) {
    return intent.isExpired(clock.instant());
  }

  /** Step 9: the intent is used up by the callback that read it, whatever came of it. */
  void endIntent(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.removeAttribute(INTENT);
    }
  }

  /**
   * Step 2 with PKCE: a new verifier for the flow the mechanism just started with {@code state} (it
   * replaces the verifier of any earlier flow of this session, as the mechanism replaces its
   * state); the answer is its challenge, for the authorization request.
   */
  String holdCodeVerifier(HttpServletRequest request, String state) {
    String verifier = Pkce.newVerifier();
    request.getSession(true).setAttribute(CODE_VERIFIER, new CodeVerifier(state, verifier));
    return Pkce.challenge(verifier);
  }

  /**
   * Step 5: the verifier of the flow this callback's state belongs to. It is read, not taken: when
   * one callback arrives twice at once, the request that wins the mechanism's single-use state must
   * find it, whichever of them read first. It goes with the session, which every outcome of the
   * callback replaces or ends, and the next start overwrites it.
   */
  Optional<String> codeVerifier(HttpServletRequest request, String state) {
    return attribute(request, CODE_VERIFIER, CodeVerifier.class)
        .filter(v -> state != null && v.state().equals(state))
        .map(CodeVerifier::verifier);
  }

  /** Step 9 of a sign-in that needs the account's password: the identity waits for it. */
  void holdPendingLink(HttpServletRequest request, SignInOutcome.LinkRequired required) {
    PendingLink pending =
        new PendingLink(
            SupportIds.next() + SupportIds.next(),
            required.accountId(),
            required.accountEmail(),
            required.identity(),
            clock.instant());
    request.getSession(true).setAttribute(PENDING_LINK, pending);
  }

  /** The pending link of this session, unless it expired (an expired one is dropped). */
  public Optional<PendingLink> pendingLink(HttpServletRequest request) {
    Optional<PendingLink> pending = attribute(request, PENDING_LINK, PendingLink.class);
    if (pending.isPresent() && pending.get().isExpired(clock.instant())) {
      clearPendingLink(request);
      return Optional.empty();
    }
    return pending;
  }

  public void clearPendingLink(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.removeAttribute(PENDING_LINK);
    }
  }

  /**
   * Runs {@code confirmation} with this session's pending link, one request of a session at a time:
   * when the form is sent twice (a double click, two tabs), the second request waits for the first
   * and sees what it left: the link still pending after a wrong password, or the session ended
   * because the first one signed in under a new id.
   */
  public void confirmPendingLink(
      HttpServletRequest request, Consumer<Optional<PendingLink>> confirmation) {
    synchronized (
        LINK_LOCKS[
            Math.floorMod(Objects.hashCode(request.getRequestedSessionId()), LINK_LOCKS.length)]) {
      confirmation.accept(pendingLink(request));
    }
  }

  private static <T> Optional<T> attribute(HttpServletRequest request, String name, Class<T> type) {
    HttpSession session = request.getSession(false);
    try {
      return session == null
          ? Optional.empty()
          : Optional.ofNullable(session.getAttribute(name))
              .filter(type::isInstance)
              .map(type::cast);
    } catch (IllegalStateException endedByAnotherRequest) {
      return Optional.empty();
    }
  }
}
