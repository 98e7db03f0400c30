package io.latchkey.domain;

/** Thrown when an identity is not linked to the account it is asked of. */
public class NoSuchIdentityException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NoSuchIdentityException() {
    super(null, null, false, false);
  }
}
