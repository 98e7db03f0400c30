package io.latchkey.interfaces.web.security;

import io.latchkey.application.ProviderSignInService;
import io.latchkey.application.SignInOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.logging.Logger;

/**
 * The end of every provider flow that does not sign in: a page that explains it in the user's
 * language ({@code sign-in-problem}), never an HTTP 500 or a stack trace. A failure also gets a
 * support id that the log and the audit trail show beside the real reason; no session survives it.
 */
@ApplicationScoped
class SignInProblems {

  private static final Logger LOG = Logger.getLogger(SignInProblems.class.getName());

  @Inject Sessions sessions;
  @Inject ProviderSignInService providerSignIns;

  /** Any failure in steps 2–8: logged and audited with a support id; the flow's state is gone. */
  AuthenticationStatus failed(HttpMessageContext context, SignInOutcome.Failed failure) {
    sessions.discard(context.getRequest());
    return report(context, failure);
  }

  /**
   * A callback whose state the mechanism refused: logged, audited and shown like any failure, but
   * the session stays as it is, since it belongs to the flow the state was issued for, which may be
   * completing in another tab at this moment.
   */
  AuthenticationStatus stateRefused(HttpMessageContext context, SignInOutcome.Failed failure) {
    return report(context, failure);
  }

  private AuthenticationStatus report(HttpMessageContext context, SignInOutcome.Failed failure) {
    HttpServletRequest request = context.getRequest();
    String supportId = SupportIds.next();
    LOG.warning(
        () -> "Provider sign-in failed [support id " + supportId + "]: " + failure.reason());
    providerSignIns.failed(failure.reason(), supportId, request.getRemoteAddr());
    return show(context, failure.cancelled() ? Problem.CANCELLED : Problem.FAILED, supportId);
  }

  /** A refusal the user can act on (disabled account, unverified email): no support id needed. */
  AuthenticationStatus refused(HttpMessageContext context, SignInOutcome.Reason reason) {
    sessions.discard(context.getRequest());
    return show(
        context,
        switch (reason) {
          case UNVERIFIED_EMAIL_OF_ACCOUNT -> Problem.UNVERIFIED_EMAIL;
          case DISABLED -> Problem.DISABLED;
          case NOT_REGISTERED -> Problem.NOT_REGISTERED;
          default -> Problem.FAILED;
        },
        null);
  }

  /** The page for a problem found before any flow state was written. */
  AuthenticationStatus show(HttpMessageContext context, Problem problem, String supportId) {
    if (context.getResponse().isCommitted()) {
      return AuthenticationStatus.SEND_FAILURE;
    }
    return context.redirect(
        context.getRequest().getContextPath()
            + "/sign-in-problem?reason="
            + problem.key()
            + (supportId == null ? "" : "&support-id=" + supportId));
  }
}
