package io.latchkey.interfaces.web.security;

import io.latchkey.application.AccountService;
import io.latchkey.application.AccountView;
import io.latchkey.application.LinkedIdentityView;
import io.latchkey.application.ProviderMetadata;
import io.latchkey.application.SignInOutcome;
import io.latchkey.application.settings.ApiSettings;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Steps 1–2: the start of a provider flow ({@link AuthPaths}). A sign-in goes straight to the
 * standard mechanism; a signed-in user's link, re-authentication or connect first records its
 * intent in the session, for the callback. The mechanism stores state and nonce and redirects to
 * the provider.
 *
 * <p>A connect flow asks the provider for the API's scopes through one linked identity: {@code
 * scope} is {@code openid} and the API's scopes only (the sign-in keeps its own), {@code
 * login_hint} names the identity, and offline access is asked for as the provider expects it
 * (Google: {@code access_type=offline}, {@code prompt=consent}, {@code
 * include_granted_scopes=true}; others: the {@code offline_access} scope).
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
  @Inject ApiSettings api;
  @Inject AccountService accounts;

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
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    if (kind == AuthPaths.Kind.CONNECT) {
      Optional<LinkedIdentityView> identity = connectable(account.get(), request);
      if (identity.isEmpty()) {
        return context.redirect(root + "/account");
      }
      flows.recordIntent(
          request, ProviderIntent.Kind.CONNECT, account.get().id(), null, identity.get().id());
      parameters.putAll(connectParameters(identity.get()));
    } else if (kind != AuthPaths.Kind.SIGN_IN) {
      flows.recordIntent(
          request,
          kind == AuthPaths.Kind.LINK
              ? ProviderIntent.Kind.LINK
              : ProviderIntent.Kind.REAUTHENTICATE,
          account.get().id(),
          ReturnTo.ofKey(request.getParameter("then")),
          null);
    }
    if (kind == AuthPaths.Kind.REAUTHENTICATE) {
      parameters.put("prompt", "login");
      parameters.put("max_age", "0");
    }
    if (openId.hostedDomainHint() != null) {
      parameters.put("hd", openId.hostedDomainHint());
    }
    // 2: the standard mechanism builds the authorization request and redirects.
    try {
      return openIdMechanism.validateRequest(
          ConfiguredUrlRequest.start(request, security),
          AuthorizationRedirect.of(
              response,
              parameters,
              openId.usesPkce() ? state -> flows.holdCodeVerifier(request, state) : null),
          context);
    } catch (AuthenticationException | RuntimeException e) {
      return problems.failed(
          context,
          new SignInOutcome.Failed("could not start the sign-in: " + LogRedaction.describe(e)));
    }
  }

  /**
   * The linked identity of this provider that {@code ?identity=} names, if API grants can be made;
   * empty for anything else (the account page then says why).
   */
  private Optional<LinkedIdentityView> connectable(
      AccountView account, HttpServletRequest request) {
    if (!api.isUsable()) {
      return Optional.empty();
    }
    String identity = request.getParameter("identity");
    return accounts.linkedIdentities(account.id()).stream()
        .filter(linked -> linked.issuer().equals(openId.getIssuer()))
        .filter(linked -> String.valueOf(linked.id()).equals(identity))
        .findFirst();
  }

  private Map<String, String> connectParameters(LinkedIdentityView identity) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("scope", api.authorizationScope());
    if (api.offline() == ApiSettings.Offline.ACCESS_TYPE) {
      parameters.put("access_type", "offline");
      parameters.put("prompt", "consent");
      parameters.put("include_granted_scopes", "true");
    }
    if (identity.emailAtLink() != null) {
      parameters.put("login_hint", identity.emailAtLink());
    }
    return parameters;
  }
}
