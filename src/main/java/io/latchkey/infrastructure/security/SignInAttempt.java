package io.latchkey.infrastructure.security;

import io.latchkey.application.AccountLinkingService;
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
  private ProviderIntent intent;
  private SignInOutcome outcome;
  private AccountLinkingService.Connection connection;
  private AccountView intentAccount;
  private String failure;
  private String idTokenHint;

  /**
   * Marks this request as a provider callback: its validated identity is to be resolved, for the
   * intent of the signed-in user who started the flow, if any.
   */
  void expectProviderCallback(ProviderIntent intent) {
    providerCallback = true;
    this.intent = intent;
  }

  Optional<ProviderIntent> intent() {
    return Optional.ofNullable(intent);
  }

  /** A connect or re-authentication flow ended for this account (connected when not null). */
  void intentFulfilled(AccountView account, AccountLinkingService.Connection connection) {
    this.intentAccount = account;
    this.connection = connection;
  }

  Optional<AccountView> intentAccount() {
    return Optional.ofNullable(intentAccount);
  }

  Optional<AccountLinkingService.Connection> connection() {
    return Optional.ofNullable(connection);
  }

  Optional<SignInOutcome.LinkRequired> linkRequired() {
    return outcome instanceof SignInOutcome.LinkRequired required
        ? Optional.of(required)
        : Optional.empty();
  }

  boolean newlyLinked() {
    return outcome instanceof SignInOutcome.SignedIn signedIn && signedIn.newlyLinked();
  }

  boolean isProviderCallback() {
    return providerCallback;
  }

  void decided(SignInOutcome outcome) {
    this.outcome = outcome;
  }

  /** The id_token to keep as the hint of a later logout at the provider. */
  void keepIdTokenHint(String idToken) {
    this.idTokenHint = idToken;
  }

  String idTokenHint() {
    return idTokenHint;
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
