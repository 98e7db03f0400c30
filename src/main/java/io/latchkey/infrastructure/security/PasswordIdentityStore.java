package io.latchkey.infrastructure.security;

import io.latchkey.application.SignInOutcome;
import io.latchkey.application.SignInService;
import io.latchkey.domain.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates email/password credentials against the account table, through {@link SignInService}.
 *
 * <p>The caller principal is the account id, the same as after a provider sign-in; the groups are
 * the account's roles from the database. Credentials of other kinds are not this store's business.
 */
@ApplicationScoped
public class PasswordIdentityStore implements IdentityStore {

  @Inject SignInService signIns;
  @Inject SignInAttempt attempt;
  @Inject HttpServletRequest request;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential password)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    SignInOutcome outcome =
        signIns.signInWithPassword(
            password.getCaller(), password.getPasswordAsString(), request.getRemoteAddr());
    attempt.decided(outcome);
    if (outcome instanceof SignInOutcome.SignedIn signedIn) {
      Set<String> groups =
          signedIn.account().roles().stream().map(Role::groupName).collect(Collectors.toSet());
      return new CredentialValidationResult(
          new CallerPrincipal(String.valueOf(signedIn.account().id())), groups);
    }
    return CredentialValidationResult.INVALID_RESULT;
  }

  @Override
  public Set<ValidationType> validationTypes() {
    return EnumSet.of(ValidationType.VALIDATE);
  }
}
