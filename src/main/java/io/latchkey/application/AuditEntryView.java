package io.latchkey.application;

import io.latchkey.domain.AuditEntry;
import java.time.Instant;

/** An audit entry as the admin console shows it. */
public record AuditEntryView(
    long id,
    Instant occurredAt,
    String eventType,
    Long actorAccountId,
    Long targetAccountId,
    String targetEmail,
    String detail,
    String clientAddress) {

  static AuditEntryView of(AuditEntry entry) {
    return new AuditEntryView(
        entry.getId(),
        entry.getOccurredAt(),
        entry.getEventType().name(),
        entry.getActorAccountId().orElse(null),
        entry.getTargetAccountId().orElse(null),
        entry.getTargetEmail().orElse(null),
        entry.getDetail().orElse(null),
        entry.getClientAddress().orElse(null));
  }
}
