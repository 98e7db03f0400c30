package io.latchkey.interfaces.web.security;

import io.latchkey.application.OperatorMetrics;
import io.latchkey.application.PerAddressLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Step 1's bounds on the sessions that anonymous provider sign-ins leave behind (the mechanism's
 * state, nonce and original request wait there for the callback):
 *
 * <ul>
 *   <li>a client address starts at most {@code LATCHKEY_SIGN_IN_STARTS_PER_ADDRESS_PER_MINUTE}
 *       (default 60) sign-ins a minute; a flood gets the "too many sign-ins" page and no session;
 *   <li>at most {@code LATCHKEY_PENDING_SIGN_INS} (default 10,000) such sessions live at once on
 *       this instance;
 *   <li>a session made for a sign-in lives {@value #LIFETIME_MINUTES} minutes; the sign-in replaces
 *       it with a session of the normal timeouts ({@link Sessions#start}).
 * </ul>
 *
 * What the session holds of the client's request is trimmed by {@link ConfiguredUrlRequest#start}.
 */
@ApplicationScoped
class PendingSignIns {

  static final int LIFETIME_MINUTES = 10;
  private static final String MARK = "io.latchkey.pendingSignIn";

  /** Sessions on this instance that hold a pending sign-in (bound and not yet unbound marks). */
  private static final AtomicInteger LIVE = new AtomicInteger();

  private PerAddressLimit perAddress;
  private int maxPending;
  @Inject OperatorMetrics metrics;

  protected PendingSignIns() {}

  @Inject
  PendingSignIns(
      Clock clock,
      @ConfigProperty(name = "LATCHKEY_SIGN_IN_STARTS_PER_ADDRESS_PER_MINUTE", defaultValue = "60")
          int perAddress,
      @ConfigProperty(name = "LATCHKEY_PENDING_SIGN_INS", defaultValue = "10000") int maxPending) {
    this.perAddress = new PerAddressLimit(clock, perAddress);
    this.maxPending = maxPending;
  }

  /**
   * Admits the start of an anonymous sign-in and gives it a short-lived session; false when this
   * address started too many this minute, or too many wait on this instance.
   */
  boolean admit(HttpServletRequest request) {
    if (!perAddress.tryAcquire(request.getRemoteAddr())) {
      metrics.throttled(OperatorMetrics.Limit.SIGN_IN_STARTS_PER_ADDRESS);
      return false;
    }
    HttpSession existing = request.getSession(false);
    if (existing != null && existing.getAttribute(MARK) != null) {
      return true; // the same browser starts again: the mechanism overwrites its state
    }
    if (LIVE.get() >= maxPending) {
      metrics.throttled(OperatorMetrics.Limit.PENDING_SIGN_INS);
      return false;
    }
    HttpSession session = request.getSession(true);
    if (existing == null) {
      session.setMaxInactiveInterval((int) Duration.ofMinutes(LIFETIME_MINUTES).toSeconds());
    }
    session.setAttribute(MARK, new Mark());
    return true;
  }

  /** Counts itself while bound to a session: unbound when the session ends or is replaced. */
  private static final class Mark implements HttpSessionBindingListener, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void valueBound(HttpSessionBindingEvent event) {
      LIVE.incrementAndGet();
    }

    @Override
    public void valueUnbound(HttpSessionBindingEvent event) {
      LIVE.decrementAndGet();
    }
  }
}
