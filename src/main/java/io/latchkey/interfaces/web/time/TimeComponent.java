package io.latchkey.interfaces.web.time;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.component.FacesComponent;
import jakarta.faces.component.UIComponentBase;
import jakarta.faces.component.UIViewRoot;
import jakarta.faces.context.FacesContext;
import jakarta.faces.context.ResponseWriter;
import java.io.IOException;
import java.time.Instant;
import java.util.ResourceBundle;

/**
 * {@code <lk:time value="#{…}" empty="…"/>}: an {@link Instant} as a {@code <time>} element, with
 * the text of {@link TimeFormatter}, the exact instant in {@code datetime} and {@code title}. A
 * null value shows {@code empty} (by default "Never") as plain text.
 *
 * <p>Usage: {@code xmlns:lk="latchkey"} on the page, then {@code <lk:time
 * value="#{identity.lastUsedAt()}"/>}.
 */
@FacesComponent(
    value = TimeComponent.TYPE,
    createTag = true,
    tagName = "time",
    namespace = "latchkey")
public class TimeComponent extends UIComponentBase {

  public static final String TYPE = "io.latchkey.Time";

  @Override
  public String getFamily() {
    return "io.latchkey";
  }

  @Override
  public void encodeBegin(FacesContext context) throws IOException {
    Object value = getAttributes().get("value");
    ResponseWriter writer = context.getResponseWriter();
    if (!(value instanceof Instant instant)) {
      Object empty = getAttributes().get("empty");
      writer.writeText(
          empty != null
              ? empty.toString()
              : ResourceBundle.getBundle(TimeFormatter.BUNDLE, context.getViewRoot().getLocale())
                  .getString("time.never"),
          null);
      return;
    }
    TimeFormatter.FormattedTime time =
        formatter(context).format(instant, context.getViewRoot().getLocale());
    writer.startElement("time", this);
    if (getId() != null && !getId().startsWith(UIViewRoot.UNIQUE_ID_PREFIX)) {
      writer.writeAttribute("id", getClientId(context), "id");
    }
    writer.writeAttribute("datetime", time.datetime(), null);
    writer.writeAttribute("title", time.title(), null);
    writer.writeText(time.text(), null);
    writer.endElement("time");
  }

  /**
   * The formatter, looked up once per request: {@code CDI.current()} walks the caller's stack on
   * Payara, and a page such as {@code /account} shows twenty times.
   */
  private static TimeFormatter formatter(FacesContext context) {
    return (TimeFormatter)
        context
            .getAttributes()
            .computeIfAbsent(
                TimeFormatter.class, key -> CDI.current().select(TimeFormatter.class).get());
  }
}
