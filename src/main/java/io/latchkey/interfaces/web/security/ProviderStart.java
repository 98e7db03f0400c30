package io.latchkey.interfaces.web.security;

import io.latchkey.application.AccountView;
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
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * Steps 1–2: the start of a provider flow ({@link AuthPaths}). A sign-in goes straight to the
 * standard mechanism; a signed-in user's link or re-authentication first records its intent in the
 * session, for the callback. The mechanism stores state and nonce and redirects to the provider.
 */
@ApplicationScoped
class ProviderStart {

  @Inject OpenIdSettings openId;
  @Inject SecuritySettings security;
  @Inject Sessions sessions;
  @Inject ProviderFlows flows;
  @Inject SignInProblems problems;
  @Inject ProviderMetadata provider;
  @Inject PendingSignIns pendingSignIns;

  AuthenticationStatus begin(
      HttpAuthenticationMechanism openIdMechanism,
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context) {
    String root = request.getContextPath();
    Optional<AuthPaths.Start> start =
        AuthPaths.parse(request.getRequestURI().substring(root.length()))
            .filter(s -> s.providerId().equals(openId.getProviderId()));
    if (start.isEmpty()) {
      return context.responseNotFound();
    }
    if (!openId.isConfigured()) {
      return problems.show(context, Problem.NOT_CONFIGURED, null);
    }
    if (provider.inconsistency().isPresent()) {
      // The log has the detail (OpenIdProviderCheck); nothing is sent to the endpoints it names.
      return problems.show(context, Problem.UNAVAILABLE, null);
    }
    AuthPaths.Kind kind = start.get().kind();
    Optional<AccountView> account = sessions.resume(request);
    if (kind == AuthPaths.Kind.SIGN_IN && account.isPresent()) {
      return context.redirect(root + "/account");
    }
    if (kind == AuthPaths.Kind.SIGN_IN && !pendingSignIns.admit(request)) {
      return problems.show(context, Problem.TOO_MANY_STARTS, null);
    }
    if (kind != AuthPaths.Kind.SIGN_IN) {
      if (account.isEmpty()) {
        return context.redirect(root + "/login");
      }
      if (kind == AuthPaths.Kind.LINK && !sessions.authenticatedRecently(request)) {
        return context.redirect(root + "/account/confirm?then=" + ReturnTo.LINK.key());
      }
      flows.recordIntent(
          request,
          kind == AuthPaths.Kind.LINK
              ? ProviderIntent.Kind.LINK
              : ProviderIntent.Kind.REAUTHENTICATE,
          account.get().id(),
          ReturnTo.ofKey(request.getParameter("then")));
    }
    // 2: the standard mechanism builds the authorization request and redirects.
    try {
      return openIdMechanism.validateRequest(
          ConfiguredUrlRequest.start(request, security),
          AuthorizationRedirect.of(
              response,
              kind == AuthPaths.Kind.REAUTHENTICATE,
              openId.hostedDomainHint(),
              openId.usesPkce() ? state -> flows.holdCodeVerifier(request, state) : null),
          context);
    } catch (AuthenticationException | RuntimeException e) {
      return problems.failed(
          context,
          new SignInOutcome.Failed("could not start the sign-in: " + LogRedaction.describe(e)));
    }
  }
}
