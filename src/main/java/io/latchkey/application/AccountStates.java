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
 * <p>What that guarantees: a change made through this instance is seen by its next request here,
 * because the persistence layer reports every written account or linked identity ({@link
 * #changed(long)}) and the state read is forgotten at once. A change made through another instance,
 * or straight in the database, is seen here within {@link #RECHECK}. A reader that started before a
 * change and finished after it keeps nothing, so a stale state is never remembered for a full
 * {@link #RECHECK} after a local change.
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
