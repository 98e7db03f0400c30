package io.latchkey.application.exceptions;

/** A new password does not meet the password policy. */
public class PasswordRejectedException extends BusinessException {

  private static final long serialVersionUID = 1L;

  public PasswordRejectedException(String messageKey) {
    super(messageKey);
  }
}
