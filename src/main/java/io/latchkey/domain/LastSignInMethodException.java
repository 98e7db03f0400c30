package io.latchkey.domain;

/** Thrown when a change would leave an account with no way to sign in. */
public class LastSignInMethodException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public LastSignInMethodException() {
    super(null, null, false, false);
  }
}
