package io.latchkey.interfaces.web.security;

import io.latchkey.application.AccountLinkingService;
import io.latchkey.application.AccountService;
import io.latchkey.application.AccountView;
import io.latchkey.application.ApiGrants;
import io.latchkey.application.ProviderSignInService;
import io.latchkey.application.SignInOutcome;
import io.latchkey.application.settings.OpenIdSettings;
import io.latchkey.domain.ProviderIdentity;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.security.enterprise.identitystore.openid.AccessToken;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.security.enterprise.identitystore.openid.RefreshToken;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Steps 6–7 of a provider callback, called by the standard OpenID mechanism once its own token
 * checks passed: Latchkey's id_token checks ({@link IdToken}), then the identity (issuer, subject)
 * is resolved — to the account it signs in to, to the signed-in account it is linked to, or as the
 * re-authentication of that account, or as the identity whose API access the account connects (its
 * tokens go to {@link ApiGrants}). The outcome goes to {@link SignInResults} for the callback (step
 * 8); the container learns the account, never the provider's view of the person.
 *
 * <p>Password credentials pass through unchanged to {@link PasswordIdentityStore}.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class ProviderIdentityStoreHandler implements IdentityStoreHandler {

  @Inject @Delegate @Any IdentityStoreHandler stores;

  @Inject OpenIdContext openIdContext;
  @Inject OpenIdSettings settings;
  @Inject SignInResults results;
  @Inject ProviderFlows flows;
  @Inject ProviderSignInService providerSignIns;
  @Inject AccountLinkingService linking;
  @Inject ApiGrants apiGrants;
  @Inject AccountService accounts;
  @Inject HttpServletRequest request;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    CredentialValidationResult result = stores.validate(credential);
    if (credential instanceof UsernamePasswordCredential) {
      return result;
    }
    SignInOutcome outcome = resolve(result);
    results.record(outcome);
    return account(outcome)
        .map(CallerIdentity::valid)
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }

  private SignInOutcome resolve(CredentialValidationResult result) {
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      return new SignInOutcome.Failed(
          "the OpenID identity store rejected the tokens (" + result.getStatus() + ")");
    }
    // 6: our checks on top of the mechanism's.
    IdToken token = IdToken.parse(openIdContext.getIdentityToken().getToken());
    Optional<String> problem = token.problemWith(IdToken.Expected.of(settings));
    if (problem.isPresent()) {
      return new SignInOutcome.Failed(problem.get());
    }
    Optional<ProviderIntent> intent = flows.intent(request);
    if (intent.isPresent() && intent.get().kind() == ProviderIntent.Kind.CONNECT) {
      // Only the key matters: a connect flow asks for no profile scopes.
      return connect(intent.get(), token.identity());
    }
    ProviderIdentity identity;
    if (token.carriesEmail()) {
      identity = token.identity();
    } else {
      // The provider keeps the profile at userinfo: one call, through the standard mechanism.
      Optional<ProviderIdentity> withProfile;
      try {
        withProfile = token.identityWithProfileFrom(openIdContext.getClaimsJson());
      } catch (RuntimeException e) {
        return new SignInOutcome.Failed("the userinfo call failed: " + LogRedaction.describe(e));
      }
      if (withProfile.isEmpty()) {
        return new SignInOutcome.Failed("the userinfo response is about another sub");
      }
      identity = withProfile.get();
    }
    // 7: the identity, for the flow this browser started.
    String client = request.getRemoteAddr();
    if (intent.isEmpty()) {
      return providerSignIns.signIn(identity, client);
    }
    long accountId = intent.get().accountId();
    if (intent.get().kind() == ProviderIntent.Kind.LINK) {
      return linking.link(accountId, identity, client);
    }
    if (!token.isFreshSince(intent.get().createdAt())) {
      return new SignInOutcome.Failed(
          "the provider did not authenticate again (no auth_time, or one before the request)");
    }
    return providerSignIns.reauthenticate(accountId, identity, client);
  }

  /** 7 of a connect flow: the tokens are kept if the intended identity came back. */
  private SignInOutcome connect(ProviderIntent intent, ProviderIdentity identity) {
    Optional<AccountView> account = accounts.find(intent.accountId());
    if (account.isEmpty()) {
      return new SignInOutcome.Failed("the account of the connect flow is gone");
    }
    AccessToken accessToken = openIdContext.getAccessToken();
    ApiGrants.Tokens tokens =
        new ApiGrants.Tokens(
            openIdContext.getRefreshToken().map(RefreshToken::getToken),
            accessToken.getToken(),
            Duration.ofSeconds(openIdContext.getExpiresIn().orElse(300L)),
            accessToken.getScope() == null
                ? Set.of()
                : new LinkedHashSet<>(accessToken.getScope()));
    ApiGrants.Connected connected =
        apiGrants.connect(
            intent.accountId(),
            intent.identityId(),
            identity.key(),
            tokens,
            request.getRemoteAddr());
    return switch (connected) {
      case CONNECTED ->
          new SignInOutcome.FlowCompleted(account.get(), SignInOutcome.Notice.API_CONNECTED);
      case NOT_GRANTED ->
          new SignInOutcome.FlowCompleted(account.get(), SignInOutcome.Notice.API_NOT_GRANTED);
      case NO_REFRESH_TOKEN ->
          new SignInOutcome.FlowCompleted(
              account.get(), SignInOutcome.Notice.API_NO_OFFLINE_ACCESS);
      case OTHER_IDENTITY ->
          new SignInOutcome.Failed(
              "the provider authenticated another identity than the one being connected");
      case UNUSABLE -> new SignInOutcome.Failed("API grants are not configured (no token key)");
    };
  }

  private static Optional<AccountView> account(SignInOutcome outcome) {
    if (outcome instanceof SignInOutcome.SignedIn signedIn) {
      return Optional.of(signedIn.account());
    }
    if (outcome instanceof SignInOutcome.FlowCompleted completed) {
      return Optional.of(completed.account());
    }
    return Optional.empty();
  }
}
