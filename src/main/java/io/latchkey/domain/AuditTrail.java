package io.latchkey.domain;

/** Where audit entries go; an entry is written in the caller's transaction. */
public interface AuditTrail {

  void record(AuditEntry entry);
}
