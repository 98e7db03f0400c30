package io.latchkey.application.exceptions;

/**
 * A link or unlink the rules do not allow (the last sign-in method, an identity linked elsewhere).
 */
public class LinkRefusedException extends BusinessException {

  private static final long serialVersionUID = 1L;

  public LinkRefusedException(String messageKey) {
    super(messageKey);
  }
}
