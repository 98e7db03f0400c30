package io.latchkey.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.domain.AccountStatus;
import io.latchkey.domain.Role;
import io.latchkey.testing.clock.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountStatesTest {

  private final MovableClock clock = new MovableClock();
  private final StoredAccounts stored = new StoredAccounts();
  private final AccountStates states = new AccountStates();

  @BeforeEach
  void wire() {
    states.accounts = stored;
    states.clock = clock;
    stored.put(view(7, AccountStatus.ACTIVE));
  }

  @Test
  void anAccountIsReadOncePerRecheckAndThenAgain() {
    assertEquals(AccountStatus.ACTIVE, states.find(7).orElseThrow().status());
    stored.put(view(7, AccountStatus.DISABLED)); // by another instance
    clock.advance(AccountStates.RECHECK.minusMillis(500));
    assertEquals(AccountStatus.ACTIVE, states.find(7).orElseThrow().status(), "within 5 s");
    assertEquals(1, stored.reads);

    clock.advance(Duration.ofSeconds(1));
    assertEquals(AccountStatus.DISABLED, states.find(7).orElseThrow().status(), "after 5 s");
    assertEquals(2, stored.reads);
  }

  @Test
  void aChangeOnThisInstanceIsSeenAtTheNextRequest() {
    states.find(7);
    stored.put(view(7, AccountStatus.DISABLED));
    states.changed(7);
    assertEquals(AccountStatus.DISABLED, states.find(7).orElseThrow().status());
    assertEquals(2, stored.reads);
  }

  @Test
  void aReadThatOverlappedAChangeIsNotRemembered() {
    stored.duringNextRead = () -> states.changed(7);
    states.find(7);
    states.find(7);
    assertEquals(2, stored.reads, "the first answer may predate the change: read again");
    states.find(7);
    assertEquals(2, stored.reads, "the second is remembered");
  }

  @Test
  void aSignInLeavesTheStateItReadAndAGoneAccountIsNotRemembered() {
    states.signedIn(view(7, AccountStatus.ACTIVE));
    assertTrue(states.find(7).isPresent());
    assertEquals(0, stored.reads);

    assertTrue(states.find(8).isEmpty());
    assertTrue(states.find(8).isEmpty());
    assertEquals(2, stored.reads, "nothing remembered of an account that does not exist");
  }

  private static AccountView view(long id, AccountStatus status) {
    return new AccountView(
        id, "a@example.test", "A", status, Set.of(Role.USER), 0, true, Instant.EPOCH, null);
  }

  /** The accounts as the database holds them, counting the reads. */
  private static final class StoredAccounts extends AccountService {
    private final Map<Long, AccountView> rows = new HashMap<>();
    private int reads;
    private Runnable duringNextRead = () -> {};

    void put(AccountView view) {
      rows.put(view.id(), view);
    }

    @Override
    public Optional<AccountView> find(long accountId) {
      reads++;
      Runnable during = duringNextRead;
      duringNextRead = () -> {};
      during.run();
      return Optional.ofNullable(rows.get(accountId));
    }
  }
}
