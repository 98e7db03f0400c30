package io.latchkey.interfaces.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ResourceBundle;

/** Faces messages in the user's language, and redirects that keep them. */
public final class Messages {

  /** The name under which faces-config.xml registers the bundle (also used by the pages). */
  public static final String BUNDLE = "i18n";

  private Messages() {}

  public static String text(String key) {
    FacesContext context = FacesContext.getCurrentInstance();
    ResourceBundle bundle = context.getApplication().getResourceBundle(context, BUNDLE);
    return bundle.containsKey(key) ? bundle.getString(key) : key;
  }

  public static void error(String key) {
    add(null, FacesMessage.SEVERITY_ERROR, key);
  }

  public static void errorOn(String clientId, String key) {
    add(clientId, FacesMessage.SEVERITY_ERROR, key);
  }

  public static void info(String key) {
    add(null, FacesMessage.SEVERITY_INFO, key);
  }

  /** Post-redirect-get to a path of this application; messages added before survive it. */
  public static void redirect(String path) {
    FacesContext context = FacesContext.getCurrentInstance();
    context.getExternalContext().getFlash().setKeepMessages(true);
    try {
      context
          .getExternalContext()
          .redirect(context.getExternalContext().getRequestContextPath() + path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Redirects to {@code url} (absolute, or with the context path) without keeping messages: for a
   * request that just ended its session, since the flash would need one.
   */
  public static void redirectSignedOut(String url) {
    try {
      FacesContext.getCurrentInstance().getExternalContext().redirect(url);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void add(String clientId, FacesMessage.Severity severity, String key) {
    FacesContext.getCurrentInstance()
        .addMessage(clientId, new FacesMessage(severity, text(key), null));
  }
}
