package io.latchkey.interfaces.web;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.application.ViewHandler;
import jakarta.faces.application.ViewHandlerWrapper;
import jakarta.faces.component.UIViewRoot;
import jakarta.faces.context.FacesContext;
import jakarta.faces.render.RenderKitFactory;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A "postback" to a view that does not exist ({@code GET /x.xhtml?jakarta.faces.ViewState=1}, or a
 * post to such a path) is not found, like the same path without the parameter. Left alone, Faces
 * looks for the view to restore it and its file-not-found exception becomes an HTTP 500.
 */
public class MissingViews extends ViewHandlerWrapper {

  public MissingViews(ViewHandler wrapped) {
    super(wrapped);
  }

  @Override
  public UIViewRoot restoreView(FacesContext context, String viewId) {
    try {
      return super.restoreView(context, viewId);
    } catch (FacesException e) {
      if (!isMissingView(e)) {
        // The posted state does not fit the view (for example "stateless" posted to a view that
        // keeps state): the form cannot be restored, as if it had expired (ExpiredViewHandler).
        ViewExpiredException expired = new ViewExpiredException(e.getMessage(), viewId);
        expired.initCause(e);
        throw expired;
      }
    } catch (Exception e) { // Mojarra throws its FacesFileNotFoundException undeclared
      if (!isMissingView(e)) {
        throw e instanceof RuntimeException runtime ? runtime : new FacesException(e);
      }
    }
    // Mojarra may have sent its 404 already, before it threw.
    if (!context.getExternalContext().isResponseCommitted()) {
      try {
        context.getExternalContext().responseSendError(404, null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    context.responseComplete();
    UIViewRoot nothing = new UIViewRoot();
    nothing.setViewId(viewId);
    nothing.setRenderKitId(RenderKitFactory.HTML_BASIC_RENDER_KIT);
    return nothing;
  }

  private static boolean isMissingView(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof FileNotFoundException) {
        return true;
      }
    }
    return false;
  }
}
