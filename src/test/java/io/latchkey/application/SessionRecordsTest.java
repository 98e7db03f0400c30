package io.latchkey.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.application.exceptions.InvalidInputException;
import io.latchkey.domain.Account;
import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.EmailAddress;
import io.latchkey.domain.IdentityKey;
import io.latchkey.domain.ProviderIdentity;
import io.latchkey.testing.fakes.InMemoryAccounts;
import io.latchkey.testing.fakes.InMemoryIdentities;
import io.latchkey.testing.fakes.InMemorySeenLogoutTokens;
import io.latchkey.testing.fakes.InMemorySessionRecords;
import io.latchkey.testing.fakes.RecordingAuditTrail;
import io.latchkey.testing.fakes.SteppingClock;
import io.latchkey.testing.fakes.TestSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionRecordsTest {

  private static final String ISSUER = "https://id.example.test";
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
  private static final String CHROME_ON_LINUX =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/131.0.0.0 Safari/537.36";

  private final SteppingClock clock = new SteppingClock(START);
  private final InMemoryAccounts accounts = new InMemoryAccounts();
  private final RecordingAuditTrail audit = new RecordingAuditTrail();
  private final InMemorySessionRecords rows = new InMemorySessionRecords();
  private SessionRecords records;
  private Account ana;

  /** The service as the tests of other services need it: real, on fakes of its repositories. */
  static SessionRecords records(Clock clock, InMemoryAccounts accounts, RecordingAuditTrail audit) {
    return records(clock, accounts, audit, new InMemorySessionRecords());
  }

  private static SessionRecords records(
      Clock clock,
      InMemoryAccounts accounts,
      RecordingAuditTrail audit,
      InMemorySessionRecords rows) {
    SessionRecords records = new SessionRecords();
    records.clock = clock;
    records.accounts = accounts;
    records.audit = audit;
    records.records = rows;
    records.settings = TestSettings.security();
    records.seenLogoutTokens = new InMemorySeenLogoutTokens();
    records.identities = new InMemoryIdentities(accounts);
    records.openId = TestSettings.provider(ISSUER);
    return records;
  }

  @BeforeEach
  void start() {
    records = records(clock, accounts, audit, rows);
    ana =
        accounts.add(
            Account.registerWithPassword(
                new EmailAddress("ana@example.test"), "Ana", "hash", START));
  }

  @Test
  void aSignInIsRecordedWithItsDeviceAndMethodUnderARandomId() {
    String first = records.open(ana.getId(), "password", "198.51.100.7", CHROME_ON_LINUX, null);
    String second = records.open(ana.getId(), "google", "203.0.113.9", null, "sid-1");

    assertEquals(43, first.length());
    assertNotEquals(first, second);
    List<SessionView> mine = records.of(ana.getId(), first, 10).listed();
    assertEquals(2, mine.size());
    SessionView thisOne = mine.stream().filter(SessionView::current).findFirst().orElseThrow();
    assertEquals(first, thisOne.id());
    assertEquals("Chrome · Linux", thisOne.device());
    assertEquals("198.51.100.7", thisOne.clientAddress());
    assertEquals(SessionRecords.PASSWORD, thisOne.method());
    assertEquals("sid-1", rows.find(second).orElseThrow().getProviderSid());
  }

  @Test
  void aLongListIsCutAfterTheMostRecentlyUsedButAlwaysShowsThisDevicesAndCountsTheRest() {
    String mine = records.open(ana.getId(), "password", null, null, null);
    List<String> others = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      clock.advance(Duration.ofSeconds(1));
      others.add(records.open(ana.getId(), "google", null, null, null));
    }

    SessionList page = records.of(ana.getId(), mine, 5);

    assertEquals(
        List.of(others.get(11), others.get(10), others.get(9), others.get(8), mine),
        page.listed().stream().map(SessionView::id).toList());
    assertTrue(page.listed().get(4).current());
    assertEquals(8, page.unlisted(), "13 open, 5 listed");
    SessionList adminsView = records.of(ana.getId(), null, 5);
    assertEquals(others.get(7), adminsView.listed().get(4).id());
    assertEquals(8, adminsView.unlisted());
    assertEquals(0, records.of(ana.getId(), mine, 13).unlisted());
    assertTrue(page.exact());
  }

  @Test
  void anAccountWithVeryManySessionsIsNotCountedToTheLastOne() {
    for (int i = 0; i < 5 + SessionRecords.COUNTED_UNLISTED; i++) {
      records.open(ana.getId(), "google", null, null, null);
    }
    SessionList exactly = records.of(ana.getId(), null, 5);
    assertEquals(SessionRecords.COUNTED_UNLISTED, exactly.unlisted());
    assertTrue(exactly.exact());

    records.open(ana.getId(), "google", null, null, null);
    SessionList atLeast = records.of(ana.getId(), null, 5);
    assertEquals(SessionRecords.COUNTED_UNLISTED, atLeast.unlisted());
    assertFalse(atLeast.exact(), "more than that many");
  }

  @Test
  void endingAnotherSessionRemovesItsRecordAtOnceAndIsAudited() {
    String mine = records.open(ana.getId(), "password", "198.51.100.7", CHROME_ON_LINUX, null);
    String other = records.open(ana.getId(), "password", "203.0.113.9", null, null);
    assertTrue(records.isOpen(other));

    assertTrue(records.endOwn(ana.getId(), other, mine, "198.51.100.7"));

    assertFalse(records.isOpen(other), "no 5-second grace on the instance that ended it");
    assertTrue(records.isOpen(mine));
    AuditEntry entry = audit.entries().get(audit.entries().size() - 1);
    assertEquals(AuditEvent.SESSION_ENDED, entry.getEventType());
    assertEquals(ana.getId(), entry.getActorAccountId().orElseThrow());
    assertFalse(records.endOwn(ana.getId(), other, mine, "198.51.100.7"), "already ended");
  }

  @Test
  void nobodyEndsAnotherAccountsSessionOrTheirOwnCurrentOneThisWay() {
    Account bob =
        accounts.add(
            Account.registerWithPassword(
                new EmailAddress("bob@example.test"), "Bob", "hash", START));
    String anas = records.open(ana.getId(), "password", null, null, null);
    String bobs = records.open(bob.getId(), "password", null, null, null);

    assertFalse(records.endOwn(ana.getId(), bobs, anas, null));
    assertTrue(records.isOpen(bobs));
    assertThrows(InvalidInputException.class, () -> records.endOwn(ana.getId(), anas, anas, null));
    assertTrue(records.isOpen(anas));
    assertTrue(audit.entries().isEmpty(), "nothing happened, nothing audited");
  }

  @Test
  void endingAllOthersKeepsThisOne() {
    String mine = records.open(ana.getId(), "password", null, null, null);
    records.open(ana.getId(), "password", null, null, null);
    records.open(ana.getId(), "google", null, null, null);

    assertEquals(2, records.endOthers(ana.getId(), mine, null));

    assertEquals(
        List.of(mine),
        records.of(ana.getId(), mine, 10).listed().stream().map(SessionView::id).toList());
    assertEquals(AuditEvent.SESSIONS_ENDED, audit.events().get(0));
  }

  @Test
  void anotherInstancesEndIsSeenWithinTheRecheckInterval() {
    String id = records.open(ana.getId(), "password", null, null, null);
    assertTrue(records.isOpen(id));
    int reads = rows.existenceReads();

    rows.remove(id); // as another instance would, in the shared database
    assertTrue(records.isOpen(id), "still confirmed by this instance's recent check");
    assertEquals(reads, rows.existenceReads(), "no read within the interval");

    clock.advance(SessionRecords.RECHECK);
    assertFalse(records.isOpen(id), "read again, and found ended");
  }

  @Test
  void lastSeenIsWrittenAndAnEndedSessionIsNoticedThere() {
    String id = records.open(ana.getId(), "password", null, null, null);
    clock.advance(Duration.ofMinutes(2));

    assertTrue(records.seen(id));
    assertEquals(clock.instant(), rows.lastSeen(id));

    rows.remove(id);
    assertFalse(records.seen(id));
  }

  @Test
  void expiredRecordsAreRemovedAndNotListed() {
    String idle = records.open(ana.getId(), "password", null, null, null);
    clock.advance(Duration.ofMinutes(20));
    String fresh = records.open(ana.getId(), "password", null, null, null);
    clock.advance(Duration.ofMinutes(11)); // idle limit 30 minutes

    assertEquals(
        List.of(fresh),
        records.of(ana.getId(), null, 10).listed().stream().map(SessionView::id).toList());
    assertEquals(1, records.removeExpired());
    assertFalse(rows.find(idle).isPresent());
    assertTrue(rows.find(fresh).isPresent());

    clock.advance(Duration.ofHours(12)); // the absolute limit, however active
    records.seen(fresh);
    assertEquals(1, records.removeExpired());
  }

  @Test
  void theProvidersLogoutEndsTheSessionsOfItsSidOrElseOfItsSubjectAndOnlyOnce() {
    ana.link(
        new ProviderIdentity(new IdentityKey(ISSUER, "ana-sub"), null, false, "Ana", null), START);
    String laptop = records.open(ana.getId(), "testid", null, null, "sid-laptop");
    String phone = records.open(ana.getId(), "testid", null, null, "sid-phone");
    String password = records.open(ana.getId(), "password", null, null, null);

    assertEquals(1, records.endProviderSessions(token("ana-sub", "sid-laptop", "jti-1"), null));
    assertFalse(records.isOpen(laptop));
    assertTrue(records.isOpen(phone));
    assertThrows(
        BackChannelLogouts.ReplayedLogoutTokenException.class,
        () -> records.endProviderSessions(token("ana-sub", "sid-phone", "jti-1"), null));
    assertTrue(records.isOpen(phone), "a replayed jti does nothing, whatever it names");

    assertEquals(1, records.endProviderSessions(token("ana-sub", null, "jti-2"), null));
    assertFalse(records.isOpen(phone));
    assertTrue(records.isOpen(password), "a provider ends only the sessions it signed in");
    assertEquals(0, records.endProviderSessions(token("nobody", null, "jti-3"), null));
    assertEquals(
        List.of(AuditEvent.SIGNED_OUT_BY_PROVIDER, AuditEvent.SIGNED_OUT_BY_PROVIDER),
        audit.events());
  }

  private static LogoutToken token(String subject, String sid, String jti) {
    return new LogoutToken(ISSUER, subject, sid, jti, START.plus(Duration.ofMinutes(7)));
  }
}
