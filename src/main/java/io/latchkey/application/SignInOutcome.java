package io.latchkey.application;

/** What came of a password sign-in attempt. */
public sealed interface SignInOutcome {

  /** The credentials were right and the account may sign in. */
  record SignedIn(AccountView account) implements SignInOutcome {}

  /** No sign-in; the reason decides which message the user sees. */
  record Refused(Reason reason) implements SignInOutcome {}

  enum Reason {
    /**
     * Wrong email, wrong password, or sign-in paused after repeated failures: one message for all,
     * so that the page does not tell which emails have accounts.
     */
    CREDENTIALS,
    /** The password was right but an admin disabled the account. */
    DISABLED
  }
}
