package io.latchkey.testing.fakes;

import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.AuditQuery;
import io.latchkey.domain.AuditTrail;
import java.util.ArrayList;
import java.util.List;

/** Keeps every entry recorded, in order, for tests to read back. */
public final class RecordingAuditTrail implements AuditTrail {

  private final List<AuditEntry> entries = new ArrayList<>();

  @Override
  public void record(AuditEntry entry) {
    entries.add(entry);
  }

  @Override
  public List<AuditEntry> search(AuditQuery query, int offset, int limit) {
    throw new UnsupportedOperationException("tests read entries()");
  }

  @Override
  public List<AuditEntry> searchAfter(
      AuditQuery query, java.time.Instant lastOccurredAt, long lastId, int limit) {
    throw new UnsupportedOperationException("tests read entries()");
  }

  public List<AuditEntry> entries() {
    return List.copyOf(entries);
  }

  /** The event of each entry, in the order recorded. */
  public List<AuditEvent> events() {
    return entries.stream().map(AuditEntry::getEventType).toList();
  }

  /** The only entry recorded; fails when there is none or more than one. */
  public AuditEntry only() {
    if (entries.size() != 1) {
      throw new AssertionError("expected one audit entry, got " + events());
    }
    return entries.get(0);
  }
}
