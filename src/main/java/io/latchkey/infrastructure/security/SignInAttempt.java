package io.latchkey.infrastructure.security;

import io.latchkey.application.AccountView;
import io.latchkey.application.SignInOutcome;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * Carries this request's sign-in from where it is decided (an identity store, or the account
 * resolution after a provider callback) to the mechanism, which starts the session, and to the
 * page, which explains a refusal. Jakarta Security's {@code CredentialValidationResult} has room
 * for neither.
 */
@RequestScoped
public class SignInAttempt {

  private boolean providerCallback;
  private SignInOutcome outcome;
  private String failure;

  /** Marks this request as a provider callback: its validated identity is to be resolved. */
  void expectProviderCallback() {
    providerCallback = true;
  }

  boolean isProviderCallback() {
    return providerCallback;
  }

  void decided(SignInOutcome outcome) {
    this.outcome = outcome;
  }

  /** A protocol check failed; the reason is for the log, never for the page. */
  void failed(String reason) {
    this.failure = reason;
  }

  Optional<String> failure() {
    return Optional.ofNullable(failure);
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
