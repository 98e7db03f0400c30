package io.latchkey.infrastructure.security;

import io.latchkey.application.AccountView;
import io.latchkey.domain.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The application's one authentication mechanism: it carries password sign-ins and re-applies the
 * signed-in session on every request.
 *
 * <p>It calls into nothing but the identity stores and {@link SessionSignIns}, so that whichever
 * mechanism fronts the application (the standard OpenID one comes next) the password path is the
 * same.
 */
@ApplicationScoped
public class SignInMechanism implements HttpAuthenticationMechanism {

  private static final String RESOURCES = "/jakarta.faces.resource/";

  @Inject IdentityStoreHandler identityStores;
  @Inject SignInAttempt attempt;
  @Inject SessionSignIns sessions;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    Credential credential = context.getAuthParameters().getCredential();
    if (context.isAuthenticationRequest() && credential != null) {
      return signIn(credential, request, context);
    }
    if (!context.isProtected()
        && request.getRequestURI().startsWith(request.getContextPath() + RESOURCES)) {
      return context.doNothing();
    }
    // 10: an established session is re-applied after a cheap check of the account's state.
    Optional<AccountView> account = sessions.resume(request);
    if (account.isPresent()) {
      return context.notifyContainerAboutLogin(principal(account.get()), groups(account.get()));
    }
    if (context.isProtected()) {
      return context.redirect(request.getContextPath() + "/login");
    }
    return context.doNothing();
  }

  /** Password sign-in, started by the login page with {@code SecurityContext.authenticate}. */
  private AuthenticationStatus signIn(
      Credential credential, HttpServletRequest request, HttpMessageContext context) {
    CredentialValidationResult result = identityStores.validate(credential);
    Optional<AccountView> account = attempt.signedIn();
    if (result.getStatus() != CredentialValidationResult.Status.VALID || account.isEmpty()) {
      // Not context.responseUnauthorized(): the page itself explains the refusal.
      return AuthenticationStatus.SEND_FAILURE;
    }
    // 8–9: the principal is the local account; the session gets a new id and holds only ids.
    sessions.start(request, account.get());
    return context.notifyContainerAboutLogin(principal(account.get()), groups(account.get()));
  }

  private static CallerPrincipal principal(AccountView account) {
    return new CallerPrincipal(String.valueOf(account.id()));
  }

  private static Set<String> groups(AccountView account) {
    return account.roles().stream().map(Role::groupName).collect(Collectors.toSet());
  }
}
