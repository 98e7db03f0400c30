package io.latchkey.application;

import io.latchkey.domain.ProviderIdentity;

/**
 * What came of a sign-in, with a password or through a provider: the one result that the sign-in
 * mechanism turns into a session and a page ({@code SignInMechanism} in the web security adapter,
 * step 8 in {@code docs/architecture.md}).
 */
public sealed interface SignInOutcome {

  /**
   * The account may sign in.
   *
   * @param notice what the account page tells the user about this sign-in
   * @param identitiesRemoved identities that the verified owner's claim of the account removed
   *     (linked by someone who never proved the email)
   */
  record SignedIn(AccountView account, Notice notice, int identitiesRemoved)
      implements SignInOutcome {
    public SignedIn(AccountView account) {
      this(account, Notice.NONE, 0);
    }

    public SignedIn(AccountView account, Notice notice) {
      this(account, notice, 0);
    }
  }

  /**
   * A signed-in user's flow at the provider ended: an identity was linked (or found linked) to
   * their account, or they authenticated again.
   *
   * @param notice what the account page says about it
   */
  record FlowCompleted(AccountView account, Notice notice) implements SignInOutcome {}

  /**
   * An identity not linked yet whose verified email belongs to an account: the owner must prove the
   * account is theirs (its password) before the two are linked.
   */
  record LinkRequired(long accountId, String accountEmail, ProviderIdentity identity)
      implements SignInOutcome {}

  /** No sign-in; the reason decides which message the user sees. */
  record Refused(Reason reason) implements SignInOutcome {}

  /**
   * A protocol check failed or the provider answered with an error: a page with a support id.
   *
   * @param reason for the log and the audit trail only, never for the page; no token or code
   * @param cancelled the user cancelled at the provider (a kinder page than a failure)
   */
  record Failed(String reason, boolean cancelled) implements SignInOutcome {
    public Failed(String reason) {
      this(reason, false);
    }
  }

  enum Reason {
    /**
     * Wrong email, wrong password, or sign-in paused after repeated failures: one message for all,
     * so that the page does not tell which emails have accounts.
     */
    CREDENTIALS,
    /** The credentials were right but an admin disabled the account. */
    DISABLED,
    /** A provider identity with an unverified email that an account already uses: no link. */
    UNVERIFIED_EMAIL_OF_ACCOUNT,
    /** The identity was linked to another account in the meantime: nothing was linked. */
    IDENTITY_LINKED_ELSEWHERE,
    /** A new identity that the registration policy does not admit ({@code OIDC_REGISTRATION}). */
    NOT_REGISTERED
  }

  /**
   * The news the account page shows after a sign-in or a flow; the key is the one the page's {@code
   * ?notice=} parameter and the message bundle use ({@code notice.<key>}).
   */
  enum Notice implements Keyed {
    NONE(null, false),
    /** An identity was linked with the account's password on {@code /link}. */
    LINKED("linked", false),
    /** An identity was linked because its provider verified the account's email. */
    AUTO_LINKED("auto-linked", false),
    /** A signed-in user linked another identity. */
    IDENTITY_LINKED("identity-linked", false),
    /** The identity was already linked to this account. */
    ALREADY_LINKED("already-linked", false),
    /** The identity is linked to another account: nothing changed. */
    LINKED_ELSEWHERE("linked-elsewhere", true),
    /** The user authenticated again. */
    REAUTHENTICATED(null, false),
    /** The user granted access to the provider's API. */
    API_CONNECTED("api-connected", false),
    /** The user did not grant every scope the API needs: nothing was kept. */
    API_NOT_GRANTED("api-not-granted", true),
    /** The provider gave no refresh token (no offline access): nothing was kept. */
    API_NO_OFFLINE_ACCESS("api-no-offline", true);

    private final String key;
    private final boolean error;

    Notice(String key, boolean error) {
      this.key = key;
      this.error = error;
    }

    /** The {@code ?notice=} value, or null when the page says nothing. */
    @Override
    public String key() {
      return key;
    }

    /** A refused change is an error; the others are news. */
    public boolean isError() {
      return error;
    }

    /** The notice named by a page parameter; {@link #NONE} for anything unknown. */
    public static Notice ofKey(String key) {
      return Keyed.byKey(Notice.class, key).orElse(NONE);
    }
  }
}
