package io.latchkey.domain;

import java.time.Instant;

/** Which audit entries to list, newest first; every part is optional. */
public record AuditQuery(AuditEvent eventType, Long accountId, Instant from, Instant to) {

  public static AuditQuery forAccount(long accountId) {
    return new AuditQuery(null, accountId, null, null);
  }
}
