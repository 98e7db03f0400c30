package io.latchkey.interfaces.web.security;

import io.latchkey.application.SignInOutcome;
import io.latchkey.application.SignInService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Set;

/**
 * Step P2: validates email/password credentials against the account table, through {@link
 * SignInService} (which counts failures, pauses and audits). Every password check goes through
 * here: the sign-in page, {@code /link} and re-authentication alike.
 *
 * <p>The caller principal is the account id, as after a provider sign-in. Credentials of other
 * kinds are not this store's business.
 */
@ApplicationScoped
public class PasswordIdentityStore implements IdentityStore {

  @Inject SignInService signIns;
  @Inject SignInResults results;
  @Inject HttpServletRequest request;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential password)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    SignInOutcome outcome =
        signIns.signInWithPassword(
            password.getCaller(), password.getPasswordAsString(), request.getRemoteAddr());
    results.record(outcome);
    return outcome instanceof SignInOutcome.SignedIn signedIn
        ? CallerIdentity.valid(signedIn.account())
        : CredentialValidationResult.INVALID_RESULT;
  }

  @Override
  public Set<ValidationType> validationTypes() {
    return EnumSet.of(ValidationType.VALIDATE);
  }
}
