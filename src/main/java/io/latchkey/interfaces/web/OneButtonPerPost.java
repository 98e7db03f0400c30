package io.latchkey.interfaces.web;

import jakarta.faces.component.UICommand;
import jakarta.faces.component.UIComponent;
import jakarta.faces.component.UIForm;
import jakarta.faces.component.visit.VisitContext;
import jakarta.faces.component.visit.VisitResult;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ActionEvent;
import jakarta.faces.event.ActionListener;
import jakarta.faces.event.ActionListenerWrapper;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Faces runs the action of every button named in a post, so a hand-made post that names two
 * ("English" and "中文", or "Confirm" and "Cancel") would run both, the second one after the first
 * had already answered. A browser sends one button per submit: a post naming more than one button
 * of its form runs none of them and shows the page again with a message; nothing is changed.
 */
public class OneButtonPerPost extends ActionListenerWrapper {

  private static final Logger LOG = Logger.getLogger(OneButtonPerPost.class.getName());
  private static final String REFUSED = OneButtonPerPost.class.getName() + ".refused";

  private final ActionListener wrapped;

  public OneButtonPerPost(ActionListener wrapped) {
    this.wrapped = wrapped;
  }

  @Override
  public ActionListener getWrapped() {
    return wrapped;
  }

  @Override
  public void processAction(ActionEvent event) {
    FacesContext context = FacesContext.getCurrentInstance();
    Map<Object, Object> attributes = context.getAttributes();
    if (attributes.containsKey(REFUSED)) {
      return;
    }
    if (buttonsPosted(context, event.getComponent()) > 1) {
      attributes.put(REFUSED, Boolean.TRUE);
      LOG.info("A post named several buttons of one form; none ran");
      Messages.error("form.oneButton");
      return;
    }
    getWrapped().processAction(event);
  }

  private static int buttonsPosted(FacesContext context, UIComponent button) {
    UIComponent form = button;
    while (form != null && !(form instanceof UIForm)) {
      form = form.getParent();
    }
    if (form == null) {
      return 1;
    }
    Map<String, String> parameters = context.getExternalContext().getRequestParameterMap();
    AtomicInteger posted = new AtomicInteger();
    form.visitTree(
        VisitContext.createVisitContext(context),
        (visit, component) -> {
          if (component instanceof UICommand
              && parameters.containsKey(component.getClientId(visit.getFacesContext()))) {
            posted.incrementAndGet();
          }
          return VisitResult.ACCEPT;
        });
    return posted.get();
  }
}
