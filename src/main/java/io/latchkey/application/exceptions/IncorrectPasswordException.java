package io.latchkey.application.exceptions;

/** The current password given to confirm a change is wrong. */
public class IncorrectPasswordException extends BusinessException {

  private static final long serialVersionUID = 1L;

  public IncorrectPasswordException() {
    super("password.current.incorrect");
  }
}
