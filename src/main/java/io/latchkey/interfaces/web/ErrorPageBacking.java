package io.latchkey.interfaces.web;

import io.latchkey.interfaces.web.security.SupportIds;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The error pages' bean: it gives each failure a short support id that the user can quote and that
 * appears in the server log next to the real reason. The page itself never shows the exception.
 */
@Named
@RequestScoped
public class ErrorPageBacking {

  private static final Logger LOG = Logger.getLogger(ErrorPageBacking.class.getName());

  @Inject HttpServletRequest request;

  private String supportId;

  public String getSupportId() {
    if (supportId == null) {
      supportId = SupportIds.next();
      Throwable error = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
      Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
      LOG.log(Level.SEVERE, "Support id " + supportId + ": request to " + uri + " failed", error);
    }
    return supportId;
  }
}
