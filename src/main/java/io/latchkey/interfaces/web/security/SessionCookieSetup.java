package io.latchkey.interfaces.web.security;

import io.latchkey.application.settings.SecuritySettings;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;

/**
 * The session cookie's attributes, all from the WAR itself, so that a plain deployment keeps them
 * with no server configuration (set here through the Servlet 6 API, and declared again in {@code
 * web.xml} and, for Payara, which applies SameSite only from there, {@code payara-web.xml}):
 *
 * <ul>
 *   <li>HttpOnly: scripts cannot read it;
 *   <li>SameSite=Lax: not sent with cross-site subresource requests or POSTs (a second line of
 *       defence against cross-site request forgery), still sent on top-level navigations such as
 *       the return from a provider;
 *   <li>Secure when {@code LATCHKEY_BASE_URL} is https (from the environment, which web.xml cannot
 *       read; the request itself may arrive over http behind a TLS proxy).
 * </ul>
 *
 * The container's idle timeout is set from the same setting as Latchkey's own idle check ({@link
 * Sessions}), as a backstop.
 */
@WebListener
public class SessionCookieSetup implements ServletContextListener {

  @Inject SecuritySettings settings;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
    cookie.setHttpOnly(true);
    cookie.setAttribute("SameSite", "Lax");
    cookie.setSecure(settings.isSecure());
    event.getServletContext().setSessionTimeout((int) settings.sessionIdleTimeout().toMinutes());
  }
}
