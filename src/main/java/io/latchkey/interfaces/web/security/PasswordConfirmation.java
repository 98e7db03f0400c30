package io.latchkey.interfaces.web.security;

import io.latchkey.application.SignInOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;

/**
 * A password typed to prove ownership of one account — before linking an identity to it ({@code
 * /link}) or a sensitive change ({@code account/confirm}) — checked through Jakarta Security's
 * identity stores like every other password, so it counts towards the sign-in pause and is audited.
 */
@ApplicationScoped
public class PasswordConfirmation {

  @Inject IdentityStoreHandler identityStores;
  @Inject SignInResults results;

  /**
   * @return signed in to exactly this account; otherwise the refusal (a valid password of another
   *     account is a refusal too)
   */
  public SignInOutcome confirm(long accountId, String email, String password) {
    CredentialValidationResult result =
        identityStores.validate(
            new UsernamePasswordCredential(
                email == null ? "" : email, new Password(password == null ? "" : password)));
    SignInOutcome outcome =
        results.outcome().orElse(new SignInOutcome.Refused(SignInOutcome.Reason.CREDENTIALS));
    if (outcome instanceof SignInOutcome.SignedIn signedIn
        && (result.getStatus() != CredentialValidationResult.Status.VALID
            || signedIn.account().id() != accountId)) {
      return new SignInOutcome.Refused(SignInOutcome.Reason.CREDENTIALS);
    }
    return outcome;
  }
}
