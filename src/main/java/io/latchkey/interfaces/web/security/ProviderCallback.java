package io.latchkey.interfaces.web.security;

import io.latchkey.application.AccountView;
import io.latchkey.application.CodeExchange;
import io.latchkey.application.ProviderMetadata;
import io.latchkey.application.SignInOutcome;
import io.latchkey.application.settings.OpenIdSettings;
import io.latchkey.application.settings.SecuritySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * Steps 4–9: the provider sent the browser back to {@code /auth/callback}. What the standard
 * mechanism cannot answer safely is checked first (a provider error, no flow in this browser, a
 * flow of another signed-in session); then it checks state, exchanges the code (5) and validates
 * the tokens, calling {@link ProviderIdentityStoreHandler} (6–7); the outcome it decided becomes a
 * session and a page here (8–9), in one place.
 */
@ApplicationScoped
class ProviderCallback {

  @Inject OpenIdSettings openId;
  @Inject SecuritySettings security;
  @Inject Sessions sessions;
  @Inject ProviderFlows flows;
  @Inject SignInResults results;
  @Inject SignInProblems problems;
  @Inject OpenIdContext openIdContext;
  @Inject AuthPaths paths;
  @Inject ProviderMetadata provider;

  AuthenticationStatus complete(
      HttpAuthenticationMechanism openIdMechanism,
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context) {
    // 4: what can be refused without the mechanism. With no flow in this browser at all, there is
    // nothing to end and nobody to help: the page, but no audit row or warning at the sender's
    // will.
    if (request.getSession(false) == null) {
      return problems.show(context, Problem.FAILED, null);
    }
    Optional<SignInOutcome.Failed> early = refuseEarly(request);
    if (early.isPresent()) {
      flows.endIntent(request);
      return problems.failed(context, early.get());
    }
    if (!openId.isConfigured()) {
      return problems.show(context, Problem.NOT_CONFIGURED, null);
    }
    // 5–7: state, code exchange, token validation, identity resolution.
    Exception error = null;
    CodeExchange exchange =
        new CodeExchange(
            flows.codeVerifier(request, request.getParameter("state")).orElse(null),
            openId.usesClientSecretBasic());
    try {
      exchange.during(
          () ->
              openIdMechanism.validateRequest(
                  ConfiguredUrlRequest.callback(request, security), response, context));
    } catch (AuthenticationException | RuntimeException e) {
      // Also after a refusal: the mechanism dereferences the principal of every result.
      error = e;
    }
    if (error == null && results.outcome().isEmpty()) {
      // The mechanism refused the state before any exchange. The session's flow may still be
      // under way in another tab (a double click on the same callback): it is left alone.
      return problems.stateRefused(
          context, new SignInOutcome.Failed("state missing, reused or not matching"));
    }
    String idTokenHint = openId.isLogoutAtProvider() ? idToken() : null;
    String providerSid = providerSid();
    Optional<ProviderIntent> intent = flows.intent(request);
    flows.endIntent(request);
    // Without an outcome the mechanism threw (a state refusal returned above).
    Exception thrown = error;
    SignInOutcome outcome =
        results
            .outcome()
            .orElseGet(
                () ->
                    new SignInOutcome.Failed(
                        LogRedaction.describe(
                            thrown,
                            "code",
                            request.getParameter("code"),
                            "state",
                            request.getParameter("state"))));
    return respond(context, outcome, intent, idTokenHint, providerSid);
  }

  /** 8–9: every outcome of a callback becomes a session and a page here, and nowhere else. */
  private AuthenticationStatus respond(
      HttpMessageContext context,
      SignInOutcome outcome,
      Optional<ProviderIntent> intent,
      String idTokenHint,
      String providerSid) {
    HttpServletRequest request = context.getRequest();
    String root = request.getContextPath();
    if (outcome instanceof SignInOutcome.SignedIn signedIn) {
      sessions.start(request, signedIn.account(), openId.getProviderId(), idTokenHint, providerSid);
      return context.redirect(
          root + AuthPaths.accountPage(signedIn.notice(), signedIn.identitiesRemoved()));
    } else if (outcome instanceof SignInOutcome.FlowCompleted completed) {
      return completed(context, completed, intent.orElseThrow());
    } else if (outcome instanceof SignInOutcome.LinkRequired required) {
      sessions.discard(request);
      flows.holdPendingLink(request, required);
      return context.redirect(root + "/link");
    } else if (outcome instanceof SignInOutcome.Refused refused) {
      return problems.refused(context, refused.reason());
    } else {
      return problems.failed(context, (SignInOutcome.Failed) outcome);
    }
  }

  /** A signed-in user's link, re-authentication or connect ended: their session carries on. */
  private AuthenticationStatus completed(
      HttpMessageContext context, SignInOutcome.FlowCompleted completed, ProviderIntent intent) {
    HttpServletRequest request = context.getRequest();
    String root = request.getContextPath();
    sessions.discard(request);
    if (intent.kind() == ProviderIntent.Kind.REAUTHENTICATE) {
      sessions.reauthenticated(request);
    }
    // Step 10 for this request: the session is checked like any other before it is used.
    if (sessions.resume(request).isEmpty()) {
      return context.redirect(root + "/login");
    }
    String next =
        intent.kind() != ProviderIntent.Kind.REAUTHENTICATE
            ? AuthPaths.accountPage(completed.notice(), 0)
            : switch (intent.then()) {
              case LINK -> paths.link(openId.getProviderId());
              case ADMIN -> "/admin/users";
              case ACCOUNT -> "/account";
            };
    return context.redirect(root + next);
  }

  /** The callback refusals that need no token: the reason for the log, or empty. */
  private Optional<SignInOutcome.Failed> refuseEarly(HttpServletRequest request) {
    // RFC 9207: a response that names another issuer (a mix-up), or none from a provider that
    // promises to name itself, was not sent by this flow's provider.
    String responseIssuer = request.getParameter("iss");
    if (responseIssuer == null
        ? provider.namesIssuerInAuthorizationResponses()
        : !responseIssuer.equals(openId.getIssuer())) {
      return Optional.of(
          new SignInOutcome.Failed(
              "the authorization response names issuer "
                  + LogRedaction.printable(String.valueOf(responseIssuer))
                  + ", not this flow's provider (RFC 9207)"));
    }
    String providerError = request.getParameter("error");
    if (providerError != null) {
      boolean cancelled = "access_denied".equals(providerError);
      return Optional.of(
          new SignInOutcome.Failed(
              cancelled
                  ? "cancelled at the provider"
                  : "provider error " + LogRedaction.printable(providerError),
              cancelled));
    }
    if (request.getParameter("code") == null || request.getParameter("state") == null) {
      return Optional.of(new SignInOutcome.Failed("callback without code or state"));
    }
    Optional<ProviderIntent> intent = flows.intent(request);
    Optional<Long> signedIn = sessions.resume(request).map(AccountView::id);
    if (intent.isPresent()
        && (flows.isExpired(intent.get())
            || !signedIn.equals(Optional.of(intent.get().accountId())))) {
      return Optional.of(
          new SignInOutcome.Failed("the flow was not started by this signed-in session"));
    }
    return Optional.empty();
  }

  /** The provider's session id, for its back-channel logout to name this session by. */
  private String providerSid() {
    try {
      return openIdContext.getIdentityToken().getJwtClaims().getStringClaim("sid").orElse(null);
    } catch (RuntimeException noToken) {
      return null;
    }
  }

  private String idToken() {
    try {
      return openIdContext.getIdentityToken().getToken();
    } catch (RuntimeException noToken) {
      return null;
    }
  }
}
