package io.latchkey.testing.fakes;

import io.latchkey.domain.SessionRecord;
import io.latchkey.domain.SessionRecordRepository;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session records in a map, with the semantics of the JPA repository (the "last seen" update
 * replaces the row, as the bulk update does).
 */
public final class InMemorySessionRecords implements SessionRecordRepository {

  private final Map<String, SessionRecord> rows = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
  private int existenceReads;

  @Override
  public void add(SessionRecord record) {
    rows.put(record.getId(), record);
    lastSeen.put(record.getId(), record.getLastSeenAt());
  }

  @Override
  public Optional<SessionRecord> find(String id) {
    return Optional.ofNullable(rows.get(id));
  }

  @Override
  public boolean exists(String id) {
    existenceReads++;
    return rows.containsKey(id);
  }

  @Override
  public List<SessionRecord> recentOfAccount(
      long accountId, Instant seenSince, Instant signedInSince, int max) {
    return ofAccount(accountId).stream()
        .filter(r -> !lastSeen(r.getId()).isBefore(seenSince))
        .filter(r -> !r.getSignedInAt().isBefore(signedInSince))
        .limit(max)
        .toList();
  }

  @Override
  public int countOfAccount(long accountId, Instant seenSince, Instant signedInSince, int atMost) {
    return recentOfAccount(accountId, seenSince, signedInSince, atMost).size();
  }

  /** The account's sessions, most recently used first. */
  private List<SessionRecord> ofAccount(long accountId) {
    return rows.values().stream()
        .filter(r -> r.getAccountId() == accountId)
        .sorted(Comparator.comparing((SessionRecord r) -> lastSeen(r.getId())).reversed())
        .toList();
  }

  @Override
  public List<String> idsOfAccount(long accountId) {
    return ofAccount(accountId).stream().map(SessionRecord::getId).toList();
  }

  @Override
  public List<SessionRecord> ofProviderSession(String method, String sid) {
    return rows.values().stream()
        .filter(r -> r.getMethod().equals(method) && sid.equals(r.getProviderSid()))
        .toList();
  }

  @Override
  public List<SessionRecord> ofAccountByMethod(long accountId, String method) {
    return ofAccount(accountId).stream().filter(r -> r.getMethod().equals(method)).toList();
  }

  @Override
  public boolean seen(String id, Instant now) {
    if (!rows.containsKey(id)) {
      return false;
    }
    lastSeen.put(id, now);
    return true;
  }

  @Override
  public boolean remove(String id) {
    lastSeen.remove(id);
    return rows.remove(id) != null;
  }

  @Override
  public int removeOthers(long accountId, String keep) {
    int removed = 0;
    for (String id : idsOfAccount(accountId)) {
      if (!id.equals(keep) && remove(id)) {
        removed++;
      }
    }
    return removed;
  }

  @Override
  public int removeExpired(Instant idleBefore, Instant signedInBefore) {
    int removed = 0;
    for (SessionRecord record : List.copyOf(rows.values())) {
      if (lastSeen(record.getId()).isBefore(idleBefore)
          || record.getSignedInAt().isBefore(signedInBefore)) {
        remove(record.getId());
        removed++;
      }
    }
    return removed;
  }

  /** The last-seen time the repository holds for the session. */
  public Instant lastSeen(String id) {
    return lastSeen.get(id);
  }

  /** How often the existence of a record was read from the "database". */
  public int existenceReads() {
    return existenceReads;
  }

  public int size() {
    return rows.size();
  }
}
