package io.latchkey.application.exceptions;

/** The account a request refers to no longer exists. */
public class AccountNotFoundException extends BusinessException {

  private static final long serialVersionUID = 1L;

  public AccountNotFoundException() {
    super("account.notFound");
  }
}
