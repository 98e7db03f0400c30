package io.latchkey.interfaces.web.security;

import io.latchkey.application.SignInOutcome;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * Carries the outcome of this request's sign-in from where it is decided — an identity store, deep
 * inside Jakarta Security's call — back to the code that called it: the mechanism, which turns it
 * into a session and a page, or a password confirmation. {@code CredentialValidationResult} only
 * says valid or invalid; the outcome says why.
 */
@RequestScoped
public class SignInResults {

  private SignInOutcome outcome;

  void record(SignInOutcome decided) {
    this.outcome = decided;
  }

  /** The outcome decided in this request, if any credential was validated. */
  public Optional<SignInOutcome> outcome() {
    return Optional.ofNullable(outcome);
  }
}
