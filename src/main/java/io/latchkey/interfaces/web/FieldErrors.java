package io.latchkey.interfaces.web;

import jakarta.faces.component.UIComponent;
import jakarta.faces.component.UIInput;
import jakarta.faces.component.UIMessage;
import jakarta.faces.component.UIViewRoot;
import jakarta.faces.component.visit.VisitContext;
import jakarta.faces.component.visit.VisitResult;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.SystemEvent;
import jakarta.faces.event.SystemEventListener;
import java.util.Map;

/**
 * Ties every field's error to its field, for screen readers, on every page at once: before a view
 * renders, each {@code <h:message for="x">} gets an id of its own ({@code x-error}) and the role
 * {@code alert}, and its input, while it has an error, {@code aria-invalid="true"} and {@code
 * aria-describedby} naming the message. Pages declare nothing for it (faces-config.xml registers it
 * for {@code PreRenderViewEvent}). A view without messages, as most are, is not visited: the visit
 * walks every row of every {@code ui:repeat}, which was a tenth of an {@code /account} render.
 */
public class FieldErrors implements SystemEventListener {

  @Override
  public boolean isListenerForSource(Object source) {
    return source instanceof UIViewRoot;
  }

  @Override
  public void processEvent(SystemEvent event) {
    FacesContext context = FacesContext.getCurrentInstance();
    if (!context.getMessages().hasNext()) {
      return; // nothing to tie: a message without text renders nothing, so needs no id or role
    }
    context
        .getViewRoot()
        .visitTree(
            VisitContext.createVisitContext(context),
            (visit, component) -> {
              if (component instanceof UIMessage message && message.getFor() != null) {
                tie(context, message);
              }
              return VisitResult.ACCEPT;
            });
  }

  private static void tie(FacesContext context, UIMessage message) {
    UIComponent target = message.findComponent(message.getFor());
    if (!(target instanceof UIInput input)) {
      return;
    }
    if (message.getId() == null || message.getId().startsWith(UIViewRoot.UNIQUE_ID_PREFIX)) {
      message.setId(input.getId() + "-error");
    }
    message.getPassThroughAttributes().put("role", "alert");
    Map<String, Object> attributes = input.getPassThroughAttributes();
    if (context.getMessages(input.getClientId(context)).hasNext()) {
      attributes.put("aria-invalid", "true");
      attributes.put("aria-describedby", message.getClientId(context));
    } else {
      attributes.remove("aria-invalid");
      attributes.remove("aria-describedby");
    }
  }
}
