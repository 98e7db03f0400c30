package io.latchkey.interfaces.web.security;

import io.latchkey.application.SignInOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.Optional;

/**
 * What a provider flow leaves in the browser's session between two requests: the intent of a
 * signed-in user's flow (from its start to its callback) and a link waiting for the account's
 * password (from the callback to {@code /link}). Both expire after minutes and are single use.
 */
@ApplicationScoped
public class ProviderFlows {

  private static final String INTENT = "io.latchkey.providerIntent";
  private static final String PENDING_LINK = "io.latchkey.pendingLink";

  @Inject Clock clock;

  /** Step 1, for a signed-in user: why this browser goes to the provider. */
  void recordIntent(
      HttpServletRequest request, ProviderIntent.Kind kind, long account, ReturnTo then) {
    request
        .getSession(true)
        .setAttribute(INTENT, new ProviderIntent(kind, account, clock.instant(), then));
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

  private static <T> Optional<T> attribute(HttpServletRequest request, String name, Class<T> type) {
    HttpSession session = request.getSession(false);
    return session == null
        ? Optional.empty()
        : Optional.ofNullable(session.getAttribute(name)).filter(type::isInstance).map(type::cast);
  }
}
