package io.latchkey.domain;

import java.time.Instant;
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

  /**
   * The entries matching the query that come after a given one in the same order (newest first),
   * for reading a long trail in batches: each batch starts where the previous one ended, at the
   * same cost however far into the trail it is.
   *
   * @param lastOccurredAt when the last entry of the previous batch occurred
   * @param lastId that entry's id
   */
  List<AuditEntry> searchAfter(AuditQuery query, Instant lastOccurredAt, long lastId, int limit);
}
