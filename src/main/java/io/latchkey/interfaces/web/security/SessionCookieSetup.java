package io.latchkey.interfaces.web.security;

import io.latchkey.application.settings.SecuritySettings;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;

/**
 * Marks the session cookie Secure when the base URL is https and sets the idle timeout; done in
 * code because web.xml cannot read the environment (web.xml sets HttpOnly and SameSite=Lax).
 */
@WebListener
public class SessionCookieSetup implements ServletContextListener {

  @Inject SecuritySettings settings;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
    cookie.setSecure(settings.isSecure());
    event.getServletContext().setSessionTimeout((int) settings.sessionIdleTimeout().toMinutes());
  }
}
