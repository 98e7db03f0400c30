package io.latchkey.interfaces.web.security;

import io.latchkey.application.OperatorMetrics;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/**
 * Counts this instance's HTTP sessions, and those signed in, for the {@link OperatorMetrics}: a
 * session is signed in while it holds Latchkey's sign-in record ({@link SignedInSession}); the
 * container removes it, and tells this listener, when the session signs out, times out or is
 * replaced by a new one at sign-in.
 */
@WebListener
public class SessionCounts implements HttpSessionListener, HttpSessionAttributeListener {

  @Inject OperatorMetrics metrics;

  @Override
  public void sessionCreated(HttpSessionEvent event) {
    metrics.sessionsChanged(1, 0);
  }

  @Override
  public void sessionDestroyed(HttpSessionEvent event) {
    metrics.sessionsChanged(-1, 0);
  }

  @Override
  public void attributeAdded(HttpSessionBindingEvent event) {
    if (SignedInSession.ATTRIBUTE.equals(event.getName())) {
      metrics.sessionsChanged(0, 1);
    }
  }

  @Override
  public void attributeRemoved(HttpSessionBindingEvent event) {
    if (SignedInSession.ATTRIBUTE.equals(event.getName())) {
      metrics.sessionsChanged(0, -1);
    }
  }
}
