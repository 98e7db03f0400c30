package io.latchkey.application.exceptions;

/** An admin action the rules do not allow (the last admin, one's own account, …). */
public class AdministrationRefusedException extends BusinessException {

  private static final long serialVersionUID = 1L;

  public AdministrationRefusedException(String messageKey) {
    super(messageKey);
  }
}
