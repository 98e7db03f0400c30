package io.latchkey.domain;

/** Thrown when an account would share its normalised email with another account. */
public class DuplicateEmailException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DuplicateEmailException(Throwable cause) {
    super("an account with this email already exists", cause);
  }
}
