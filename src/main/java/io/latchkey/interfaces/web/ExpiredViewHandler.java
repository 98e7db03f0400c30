package io.latchkey.interfaces.web;

import jakarta.ejb.EJBAccessException;
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
 * Turns the exceptions that bad input causes into answers the user understands: a form whose view
 * state is unknown (expired, replayed after sign-out, or forged) shows the same page again, fresh,
 * with a message saying that nothing was changed; an application-layer role check that fails is the
 * 403 page. No error page, no HTTP 500; each redirect is a GET that cannot fail the same way, so
 * nothing loops.
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
      if (context.getResponseComplete()) {
        continue;
      }
      HttpServletRequest request = (HttpServletRequest) context.getExternalContext().getRequest();
      if (causedBy(error, EJBAccessException.class)) {
        events.remove();
        LOG.warning(() -> "Access refused by the application layer: " + request.getRequestURI());
        sendForbidden(context);
      } else if (causedBy(error, ViewExpiredException.class)) {
        events.remove();
        LOG.info(() -> "Unknown view state posted to " + request.getRequestURI());
        Messages.error("expired.text");
        // One leading slash: "//evil.example/login" would be a redirect to another host.
        Messages.redirect(
            request
                .getRequestURI()
                .substring(request.getContextPath().length())
                .replaceFirst("^/+", "/"));
      }
    }
    getWrapped().handle();
  }

  private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }

  private static void sendForbidden(FacesContext context) {
    try {
      context.getExternalContext().responseSendError(403, null);
      context.responseComplete();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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
