package io.latchkey.domain;

/** Thrown when a provider identity would be linked twice, or its new account's email is taken. */
public class DuplicateLinkException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DuplicateLinkException(Throwable cause) {
    super("this identity or its email is already in use", cause);
  }
}
