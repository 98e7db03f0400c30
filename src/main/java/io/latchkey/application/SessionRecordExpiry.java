package io.latchkey.application;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Every five minutes, the records of sessions past their idle or absolute limit go: those whose
 * instance died or was stopped before it could remove them. Safe with several instances: each runs
 * the same idempotent delete.
 */
@Singleton
public class SessionRecordExpiry {

  private static final Logger LOG = Logger.getLogger(SessionRecordExpiry.class.getName());

  @Inject SessionRecords records;

  @Schedule(hour = "*", minute = "*/5", persistent = false, info = "session record expiry")
  void removeExpired() {
    int removed = records.removeExpired();
    if (removed > 0) {
      LOG.fine(() -> "Removed the records of " + removed + " expired sessions");
    }
  }
}
