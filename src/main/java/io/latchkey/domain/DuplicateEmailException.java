package io.latchkey.domain;

/**
 * Thrown when an account would share its normalised email with another account, or a provider
 * identity would be linked to two accounts: a unique key of the account tables was violated.
 */
public class DuplicateEmailException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DuplicateEmailException(Throwable cause) {
    super("an account with this email or identity already exists", cause);
  }
}
