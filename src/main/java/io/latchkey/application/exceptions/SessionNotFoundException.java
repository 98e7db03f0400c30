package io.latchkey.application.exceptions;

/** The session a request refers to has ended already (or never belonged to that account). */
public class SessionNotFoundException extends BusinessException {

  private static final long serialVersionUID = 1L;

  public SessionNotFoundException() {
    super("sessions.notFound");
  }
}
