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
    /** The credentials were right but an admin disabled the account. */
    DISABLED,
    /**
     * A provider identity not linked yet whose verified email belongs to an account: the owner must
     * prove the account is theirs before the two are linked.
     */
    LINK_REQUIRED,
    /** A provider identity with an unverified email that an account already uses: no link. */
    UNVERIFIED_EMAIL_OF_ACCOUNT
  }
}
