package io.latchkey.interfaces.web;

import io.latchkey.interfaces.web.security.SignedInSession;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.FacesContext;
import jakarta.faces.context.ResponseWriter;
import jakarta.faces.render.RenderKit;
import jakarta.faces.render.RenderKitFactory;
import jakarta.faces.render.RenderKitWrapper;
import jakarta.faces.render.ResponseStateManager;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every form shown to a signed-in session carries the sign-in's form token ({@link
 * SignedInSession#formToken()}), and every post from a signed-in session must send it back: a post
 * without it, or with another, is treated as an expired form (shown again with a message, nothing
 * done: {@link ExpiredViewHandler}).
 *
 * <p>Why: the origin check ({@link SameOriginFilter}) is the first protection against cross-site
 * request forgery; this is the second, a synchronizer token. It replaces the one that server-side
 * view state used to give, so that the signed-in pages can be stateless views: their component
 * state was three quarters of a signed-in session's memory (5.6 of 7.6 KB after a sign-in and one
 * {@code /account}), and saving it a share of every page's CPU. One token per sign-in, about 100
 * bytes, whatever the number of pages and forms.
 *
 * <p>How: Faces writes the view-state field into every form through the render kit's {@link
 * ResponseStateManager}, and reads it back through the same at every postback, before anything is
 * decoded. This wrapper adds the token's field beside the view state, and checks it when the view
 * state is read. Anonymous views (no sign-in in the session) carry no token, as before: their forms
 * have the origin check, and a sign-in's start needs no token of its own (README, security notes).
 */
public final class FormTokens extends ResponseStateManager {

  /** The name of the form field that carries the token. */
  public static final String FIELD = "latchkey.FormToken";

  private final ResponseStateManager faces;

  FormTokens(ResponseStateManager faces) {
    this.faces = faces;
  }

  @Override
  public void writeState(FacesContext context, Object state) throws IOException {
    faces.writeState(context, state);
    Optional<SignedInSession> signedIn = signedIn(context);
    if (signedIn.isPresent()) {
      ResponseWriter writer = context.getResponseWriter();
      writer.startElement("input", null);
      writer.writeAttribute("type", "hidden", null);
      writer.writeAttribute("name", FIELD, null);
      writer.writeAttribute("value", signedIn.get().formToken(), null);
      writer.endElement("input");
    }
  }

  /** A postback's view state is read here (stateless views: asked whether it is one). */
  @Override
  public boolean isStateless(FacesContext context, String viewId) {
    checkToken(context, viewId);
    return faces.isStateless(context, viewId);
  }

  @Override
  public Object getState(FacesContext context, String viewId) {
    checkToken(context, viewId);
    return faces.getState(context, viewId);
  }

  private static void checkToken(FacesContext context, String viewId) {
    Optional<SignedInSession> signedIn = signedIn(context);
    if (signedIn.isPresent()
        && !signedIn
            .get()
            .formTokenIs(context.getExternalContext().getRequestParameterMap().get(FIELD))) {
      throw new ViewExpiredException(
          "A post of a signed-in session without its form token", viewId);
    }
  }

  @Override
  public boolean isPostback(FacesContext context) {
    return faces.isPostback(context);
  }

  @Override
  public String getViewState(FacesContext context, Object state) {
    return faces.getViewState(context, state);
  }

  @Override
  public String getCryptographicallyStrongTokenFromSession(FacesContext context) {
    return faces.getCryptographicallyStrongTokenFromSession(context);
  }

  private static Optional<SignedInSession> signedIn(FacesContext context) {
    return SignedInSession.in((HttpSession) context.getExternalContext().getSession(false));
  }

  /** Registered in {@code faces-config.xml}: gives every render kit the wrapper above. */
  public static final class Factory extends RenderKitFactory {

    private final Map<RenderKit, RenderKit> wrapped = new ConcurrentHashMap<>();

    public Factory(RenderKitFactory factory) {
      super(factory);
    }

    @Override
    public void addRenderKit(String renderKitId, RenderKit renderKit) {
      getWrapped().addRenderKit(renderKitId, renderKit);
    }

    @Override
    public RenderKit getRenderKit(FacesContext context, String renderKitId) {
      RenderKit kit = getWrapped().getRenderKit(context, renderKitId);
      return kit == null ? null : wrapped.computeIfAbsent(kit, WithFormTokens::new);
    }

    @Override
    public Iterator<String> getRenderKitIds() {
      return getWrapped().getRenderKitIds();
    }
  }

  private static final class WithFormTokens extends RenderKitWrapper {

    private final ResponseStateManager stateManager;

    WithFormTokens(RenderKit kit) {
      super(kit);
      this.stateManager = new FormTokens(kit.getResponseStateManager());
    }

    @Override
    public ResponseStateManager getResponseStateManager() {
      return stateManager;
    }
  }
}
