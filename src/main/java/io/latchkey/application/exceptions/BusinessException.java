package io.latchkey.application.exceptions;

import jakarta.ejb.ApplicationException;

/**
 * A use case refused what it was asked to do, for a reason the user can be told.
 *
 * <p>Unchecked so that {@code @Transactional} rolls back, and an application exception so that an
 * EJB rolls back and passes it on unwrapped; the message key names a text in the web layer's
 * resource bundles.
 */
@ApplicationException(rollback = true)
public abstract class BusinessException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String messageKey;

  protected BusinessException(String messageKey) {
    super(messageKey, null, false, false);
    this.messageKey = messageKey;
  }

  public String messageKey() {
    return messageKey;
  }
}
