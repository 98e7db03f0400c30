package io.latchkey.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-request account check's short memory: each instance reads an account's state (status,
 * roles, session generation) at most once per {@link #RECHECK}, instead of on every request.
 *
 * <p>What that guarantees: a change is seen on every instance within {@link #RECHECK}. A change
 * made through this instance is seen by its next request here: the persistence layer reports every
 * account or linked identity it writes ({@link #changed(long)}, at the flush), the state read is
 * forgotten, and a read that overlapped the report keeps nothing. The one gap is a read of the same
 * account between the flush and the commit, which still sees the committed state and keeps it: at
 * most {@link #RECHECK} again.
 */
@ApplicationScoped
public class AccountStates {

  /** How stale an instance's knowledge of an account's state may be. */
  public static final Duration RECHECK = SessionRecords.RECHECK;

  /** Beyond this many accounts the memory starts over (a bound, not a tuning knob). */
  private static final int MAX_ACCOUNTS = 100_000;

  @Inject AccountService accounts;
  @Inject Clock clock;

  private final Map<Long, Known> known = new ConcurrentHashMap<>();

  /** Counts local changes, so that a read that overlapped one is not remembered. */
  private final AtomicLong changes = new AtomicLong();

  /** The account's state, read at most {@link #RECHECK} ago; empty if it no longer exists. */
  public Optional<AccountView> find(long accountId) {
    Instant now = clock.instant();
    Known remembered = known.get(accountId);
    if (remembered != null && remembered.readAt().plus(RECHECK).isAfter(now)) {
      return Optional.of(remembered.account());
    }
    long changesBefore = changes.get();
    Optional<AccountView> read = accounts.find(accountId);
    if (read.isEmpty()) {
      known.remove(accountId);
    } else if (changes.get() == changesBefore) {
      remember(read.get(), now);
    }
    return read;
  }

  /** The account as it was just read by a sign-in: the freshest state there is. */
  public void signedIn(AccountView account) {
    remember(account, clock.instant());
  }

  /** The account, or one of its linked identities, is being written on this instance. */
  public void changed(long accountId) {
    changes.incrementAndGet();
    known.remove(accountId);
  }

  private void remember(AccountView account, Instant now) {
    if (known.size() >= MAX_ACCOUNTS) {
      known.clear();
    }
    known.put(account.id(), new Known(account, now));
  }

  private record Known(AccountView account, Instant readAt) {}
}
