package io.latchkey.interfaces.web.security;

import io.latchkey.application.AccountView;
import io.latchkey.application.OperatorMetrics;
import io.latchkey.application.SignInOutcome;
import io.latchkey.application.settings.OpenIdSettings;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Every request's authentication, around the standard OpenID mechanism ({@link
 * ProviderSignInDefinition}), of which Jakarta Security 3.0 allows only one per application. The
 * step numbers are those of {@code docs/architecture.md}.
 *
 * <p>This class only routes; each kind of request has its controller:
 *
 * <ul>
 *   <li>a password sign-in started by the login page (P1–P3, below);
 *   <li>the start of a provider flow, {@code /auth/{provider}…} (1–2, {@link ProviderStart});
 *   <li>the provider's callback, {@code /auth/callback} (4–9, {@link ProviderCallback});
 *   <li>any other request: its session is resumed after a cheap account check (10, {@link
 *       Sessions}).
 * </ul>
 *
 * Only starts and callbacks reach the OpenID mechanism: it would throw on password sessions, bounce
 * sign-out to the provider, and answer every failed callback with an empty HTTP 500.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class SignInMechanism implements HttpAuthenticationMechanism {

  private static final String RESOURCES = "/jakarta.faces.resource/";

  @Inject @Delegate @Any HttpAuthenticationMechanism openIdMechanism;

  @Inject IdentityStoreHandler identityStores;
  @Inject SignInResults results;
  @Inject Sessions sessions;
  @Inject ProviderStart providerStart;
  @Inject ProviderCallback providerCallback;
  @Inject OperatorMetrics metrics;
  @Inject OpenIdSettings openId;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    Credential credential = context.getAuthParameters().getCredential();
    if (context.isAuthenticationRequest() && credential != null) {
      long started = System.nanoTime();
      AuthenticationStatus status = passwordSignIn(credential, request, context);
      answered(OperatorMetrics.PASSWORD, started);
      return status;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals(AuthPaths.CALLBACK)) {
      long started = System.nanoTime();
      AuthenticationStatus status =
          providerCallback.complete(openIdMechanism, request, response, context);
      answered(openId.getProviderId(), started);
      return status;
    }
    if (path.startsWith(AuthPaths.PREFIX)) {
      return providerStart.begin(openIdMechanism, request, response, context);
    }
    if (path.startsWith(RESOURCES) && !context.isProtected()) {
      return context.doNothing();
    }
    // 10: an established session is re-applied after a cheap check of the account's state.
    Optional<AccountView> account = sessions.resume(request);
    if (account.isPresent()) {
      return CallerIdentity.notifyContainer(context, account.get());
    }
    if (context.isProtected()) {
      return context.redirect(request.getContextPath() + "/login");
    }
    return context.doNothing();
  }

  /** For the operator metrics: signed in when the request's outcome says so (not its status). */
  private void answered(String method, long startedNanos) {
    metrics.signInAnswered(
        method,
        results.outcome().orElse(null) instanceof SignInOutcome.SignedIn,
        Duration.ofNanos(System.nanoTime() - startedNanos));
  }

  /** Sign-out ends Latchkey's session only; the mechanism's would send the user to the provider. */
  @Override
  public void cleanSubject(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    context.cleanClientSubject();
  }

  /**
   * P1: the login page called {@code SecurityContext.authenticate} with the email and password. P2:
   * the identity stores check them ({@link PasswordIdentityStore}). P3: the account is signed in
   * (steps 8–9); a refusal is explained by the page itself, from {@link SignInResults}.
   */
  private AuthenticationStatus passwordSignIn(
      Credential credential, HttpServletRequest request, HttpMessageContext context) {
    CredentialValidationResult result = identityStores.validate(credential);
    Optional<SignInOutcome> outcome = results.outcome();
    if (result.getStatus() == CredentialValidationResult.Status.VALID
        && outcome.orElse(null) instanceof SignInOutcome.SignedIn signedIn) {
      sessions.startWithPassword(request, signedIn.account());
      return CallerIdentity.notifyContainer(context, signedIn.account());
    }
    // Not context.responseUnauthorized(): the page itself explains the refusal.
    return AuthenticationStatus.SEND_FAILURE;
  }
}
