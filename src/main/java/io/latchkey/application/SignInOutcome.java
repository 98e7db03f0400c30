package io.latchkey.application;

import io.latchkey.domain.ExternalProfile;

/** What came of a sign-in attempt, with a password or through a provider. */
public sealed interface SignInOutcome {

  /**
   * The account may sign in.
   *
   * @param newlyLinked a provider identity was linked to the account by this sign-in (the user is
   *     told on the next page)
   */
  record SignedIn(AccountView account, boolean newlyLinked) implements SignInOutcome {
    public SignedIn(AccountView account) {
      this(account, false);
    }
  }

  /**
   * A provider identity not linked yet whose verified email belongs to an account: the owner must
   * prove the account is theirs (its password) before the two are linked.
   */
  record LinkRequired(long accountId, String accountEmail, ExternalProfile identity)
      implements SignInOutcome {}

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
    /** A provider identity with an unverified email that an account already uses: no link. */
    UNVERIFIED_EMAIL_OF_ACCOUNT
  }
}
