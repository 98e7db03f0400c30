package io.latchkey.application.exceptions;

/** A field's value is not acceptable (a malformed email, an empty or overlong name). */
public class InvalidInputException extends BusinessException {

  private static final long serialVersionUID = 1L;

  public InvalidInputException(String messageKey) {
    super(messageKey);
  }
}
