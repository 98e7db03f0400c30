package io.latchkey.infrastructure.security;

import io.latchkey.application.ProviderSignInService;
import io.latchkey.application.SignInOutcome;
import io.latchkey.domain.Role;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Steps 6–7 of a provider callback: after the standard OpenID identity store validated the tokens,
 * Latchkey's own id_token checks run ({@link IdToken}), and the identity (issuer, sub) is resolved
 * to a local account. The caller principal becomes that account's id and the groups its roles from
 * the database; nothing the provider says about groups or roles is used.
 *
 * <p>Any other credential (a password) passes through unchanged.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class AccountIdentityStoreHandler implements IdentityStoreHandler {

  @Inject @Delegate @Any IdentityStoreHandler stores;

  @Inject OpenIdContext openIdContext;
  @Inject OpenIdSettings settings;
  @Inject SignInAttempt attempt;
  @Inject ProviderSignInService providerSignIns;
  @Inject HttpServletRequest request;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    CredentialValidationResult result = stores.validate(credential);
    if (!attempt.isProviderCallback()) {
      return result;
    }
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      attempt.failed("the OpenID identity store rejected the tokens (" + result.getStatus() + ")");
      return CredentialValidationResult.INVALID_RESULT;
    }
    IdToken token = IdToken.parse(openIdContext.getIdentityToken().getToken());
    Optional<String> problem = token.problemWith(settings);
    if (problem.isPresent()) {
      attempt.failed(problem.get());
      return CredentialValidationResult.INVALID_RESULT;
    }
    SignInOutcome outcome = providerSignIns.signIn(token.profile(), request.getRemoteAddr());
    attempt.decided(outcome);
    if (outcome instanceof SignInOutcome.SignedIn signedIn) {
      return new CredentialValidationResult(
          new CallerPrincipal(String.valueOf(signedIn.account().id())),
          signedIn.account().roles().stream().map(Role::groupName).collect(Collectors.toSet()));
    }
    return CredentialValidationResult.INVALID_RESULT;
  }
}
