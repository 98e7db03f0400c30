package io.latchkey.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The records of signed-in sessions ({@link SessionRecord}). */
public interface SessionRecordRepository {

  void add(SessionRecord record);

  Optional<SessionRecord> find(String id);

  /** Whether the session may still be used. */
  boolean exists(String id);

  /**
   * The account's sessions used since {@code seenSince} and signed in since {@code signedInSince},
   * most recently used first, at most {@code max}.
   */
  List<SessionRecord> recentOfAccount(
      long accountId, Instant seenSince, Instant signedInSince, int max);

  /**
   * How many sessions {@link #recentOfAccount} would find without its limit, counted up to {@code
   * atMost} (an account signed in thousands of times is not counted row by row on every view).
   */
  int countOfAccount(long accountId, Instant seenSince, Instant signedInSince, int atMost);

  /** The ids of the account's sessions. */
  List<String> idsOfAccount(long accountId);

  /** The sessions that signed in through the provider {@code method} in its session {@code sid}. */
  List<SessionRecord> ofProviderSession(String method, String sid);

  /** The account's sessions that signed in through {@code method}. */
  List<SessionRecord> ofAccountByMethod(long accountId, String method);

  /** Records a request of the session; false when its record is gone (the session was ended). */
  boolean seen(String id, Instant now);

  /** Ends one session; false when it had ended already. */
  boolean remove(String id);

  /** Ends every session of the account but {@code keep} (which may be null); returns how many. */
  int removeOthers(long accountId, String keep);

  /** Removes the records of sessions idle or signed in before the given times; returns how many. */
  int removeExpired(Instant idleBefore, Instant signedInBefore);
}
