package io.latchkey.infrastructure.security;

import io.latchkey.application.AccountLinkingService;
import io.latchkey.application.AccountService;
import io.latchkey.application.AccountView;
import io.latchkey.application.ProviderSignInService;
import io.latchkey.application.SignInOutcome;
import io.latchkey.domain.ExternalProfile;
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
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Steps 6–7 of a provider callback: after the standard OpenID identity store validated the tokens,
 * Latchkey's own id_token checks run ({@link IdToken}), and the identity (issuer, sub) is resolved:
 * to the account it signs in to, to the signed-in account it connects to, or as the re-
 * authentication of that account. The caller principal becomes the account id and the groups its
 * roles from the database; nothing the provider says about groups or roles is used.
 *
 * <p>Any other credential (a password) passes through unchanged.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class AccountIdentityStoreHandler implements IdentityStoreHandler {

  /** A provider's clock and ours may differ this much when comparing {@code auth_time}. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  @Inject @Delegate @Any IdentityStoreHandler stores;

  @Inject OpenIdContext openIdContext;
  @Inject OpenIdSettings settings;
  @Inject SignInAttempt attempt;
  @Inject ProviderSignInService providerSignIns;
  @Inject AccountLinkingService linking;
  @Inject AccountService accounts;
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
    String rawToken = openIdContext.getIdentityToken().getToken();
    IdToken token = IdToken.parse(rawToken);
    Optional<String> problem = token.problemWith(settings);
    if (problem.isPresent()) {
      attempt.failed(problem.get());
      return CredentialValidationResult.INVALID_RESULT;
    }
    if (settings.isLogoutAtProvider()) {
      attempt.keepIdTokenHint(rawToken);
    }
    Optional<ProviderIntent> intent = attempt.intent();
    Optional<AccountView> account =
        intent.isPresent() ? fulfil(intent.get(), token) : signIn(token.profile());
    return account
        .map(AccountIdentityStoreHandler::valid)
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }

  private Optional<AccountView> signIn(ExternalProfile profile) {
    SignInOutcome outcome = providerSignIns.signIn(profile, request.getRemoteAddr());
    attempt.decided(outcome);
    return outcome instanceof SignInOutcome.SignedIn signedIn
        ? Optional.of(signedIn.account())
        : Optional.empty();
  }

  /** A signed-in user's connect or re-authentication flow. */
  private Optional<AccountView> fulfil(ProviderIntent intent, IdToken token) {
    if (intent.kind() == ProviderIntent.Kind.CONNECT) {
      AccountLinkingService.Connection connection =
          linking.connect(intent.accountId(), token.profile(), request.getRemoteAddr());
      Optional<AccountView> account = accounts.find(intent.accountId());
      account.ifPresent(a -> attempt.intentFulfilled(a, connection));
      return account;
    }
    boolean fresh =
        token.authTime().map(at -> !at.isBefore(intent.createdAt().minus(CLOCK_SKEW))).orElse(true);
    if (!fresh) {
      attempt.failed("the provider did not authenticate again (auth_time before the request)");
      return Optional.empty();
    }
    Optional<AccountView> account =
        providerSignIns.reauthenticate(
            intent.accountId(), token.profile(), request.getRemoteAddr());
    if (account.isEmpty()) {
      attempt.failed("re-authenticated with an identity that is not linked to this account");
      return Optional.empty();
    }
    attempt.intentFulfilled(account.get(), null);
    return account;
  }

  private static CredentialValidationResult valid(AccountView account) {
    return new CredentialValidationResult(
        new CallerPrincipal(String.valueOf(account.id())),
        account.roles().stream().map(Role::groupName).collect(Collectors.toSet()));
  }
}
