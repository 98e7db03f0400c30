package io.latchkey.interfaces.web;

import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Iterator;
import java.util.logging.Logger;

/**
 * A form whose view state is unknown (expired, replayed after sign-out, or forged) is answered with
 * the same page, fresh, and a message saying that nothing was changed: no error page, no HTTP 500.
 * The redirect is a GET, which cannot expire, so it cannot loop.
 */
public class ExpiredViewHandler extends ExceptionHandlerWrapper {

  private static final Logger LOG = Logger.getLogger(ExpiredViewHandler.class.getName());

  public ExpiredViewHandler(ExceptionHandler wrapped) {
    super(wrapped);
  }

  @Override
  public void handle() {
    FacesContext context = FacesContext.getCurrentInstance();
    for (Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
        events.hasNext(); ) {
      Throwable error = events.next().getContext().getException();
      if (isViewExpired(error) && !context.getResponseComplete()) {
        events.remove();
        HttpServletRequest request = (HttpServletRequest) context.getExternalContext().getRequest();
        LOG.info(() -> "Unknown view state posted to " + request.getRequestURI());
        Messages.error("expired.text");
        Messages.redirect(request.getRequestURI().substring(request.getContextPath().length()));
      }
    }
    getWrapped().handle();
  }

  private static boolean isViewExpired(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ViewExpiredException) {
        return true;
      }
    }
    return false;
  }

  /** Registered in faces-config.xml. */
  public static class Factory extends ExceptionHandlerFactory {

    public Factory(ExceptionHandlerFactory wrapped) {
      super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
      return new ExpiredViewHandler(getWrapped().getExceptionHandler());
    }
  }
}
