package io.latchkey.interfaces.web.security;

import io.latchkey.application.SessionRecords;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A signed-in session that ends, whichever way (sign-out, timeout, a new sign-in in its place, an
 * ended or disabled account noticed at a request), takes its record with it. A record whose session
 * died with its instance is left to {@code SessionRecords.removeExpired}.
 */
@WebListener
public class SessionRecordCleanup implements HttpSessionListener {

  private static final Logger LOG = Logger.getLogger(SessionRecordCleanup.class.getName());

  @Inject SessionRecords records;

  @Override
  public void sessionDestroyed(HttpSessionEvent event) {
    String recordId;
    try {
      recordId =
          event.getSession().getAttribute(SignedInSession.ATTRIBUTE) instanceof SignedInSession s
              ? s.recordId()
              : null;
    } catch (IllegalStateException alreadyInvalid) {
      return;
    }
    if (recordId == null) {
      return;
    }
    try {
      records.closed(recordId);
    } catch (RuntimeException e) {
      // The periodic cleanup removes it later; the session itself has ended either way.
      LOG.log(Level.WARNING, "Could not remove the record of an ended session", e);
    }
  }
}
