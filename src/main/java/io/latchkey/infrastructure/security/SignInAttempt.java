package io.latchkey.infrastructure.security;

import io.latchkey.application.AccountView;
import io.latchkey.application.SignInOutcome;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * Carries the outcome of this request's sign-in from the identity store, which decides it, to the
 * mechanism, which starts the session, and to the page, which explains a refusal. Jakarta
 * Security's {@code CredentialValidationResult} has room for neither.
 */
@RequestScoped
public class SignInAttempt {

  private SignInOutcome outcome;

  void decided(SignInOutcome outcome) {
    this.outcome = outcome;
  }

  Optional<AccountView> signedIn() {
    return outcome instanceof SignInOutcome.SignedIn signedIn
        ? Optional.of(signedIn.account())
        : Optional.empty();
  }

  /** Why this request's sign-in was refused; empty when there was no refusal. */
  public Optional<SignInOutcome.Reason> refusal() {
    return outcome instanceof SignInOutcome.Refused refused
        ? Optional.of(refused.reason())
        : Optional.empty();
  }
}
