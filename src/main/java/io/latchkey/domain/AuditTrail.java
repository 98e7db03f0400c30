package io.latchkey.domain;

import java.util.List;

/** Where audit entries go; an entry is written in the caller's transaction. */
public interface AuditTrail {

  void record(AuditEntry entry);

  /**
   * One page of entries matching the query, newest first.
   *
   * @param limit at most this many; ask for one more than a page to learn whether another follows
   */
  List<AuditEntry> search(AuditQuery query, int offset, int limit);
}
