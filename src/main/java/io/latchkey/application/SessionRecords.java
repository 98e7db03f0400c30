package io.latchkey.application;

import io.latchkey.application.exceptions.AccountNotFoundException;
import io.latchkey.application.exceptions.InvalidInputException;
import io.latchkey.application.settings.OpenIdSettings;
import io.latchkey.application.settings.SecuritySettings;
import io.latchkey.domain.Account;
import io.latchkey.domain.AccountRepository;
import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.AuditTrail;
import io.latchkey.domain.IdentityKey;
import io.latchkey.domain.LinkedIdentityRepository;
import io.latchkey.domain.SeenLogoutToken;
import io.latchkey.domain.SeenLogoutTokens;
import io.latchkey.domain.SessionRecord;
import io.latchkey.domain.SessionRecordRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where people are signed in: a record of every signed-in session, kept in the database so that
 * every instance sees it. A session whose record is gone ends at its next request.
 *
 * <p>What it costs a signed-in request: the record's existence is read at most once per {@link
 * #RECHECK} per session and instance (a per-instance cache of recent confirmations). A session
 * ended through this instance stops at its next request here; one ended through another instance
 * stops within {@link #RECHECK} here. Ending every session of an account (admin, password change,
 * disabling) also bumps the account's session generation, which every request checks.
 */
@ApplicationScoped
@Transactional
public class SessionRecords {

  /** How a password sign-in is named in a record's method. */
  public static final String PASSWORD = "password";

  /** How stale an instance's knowledge that a session is still open may be. */
  public static final Duration RECHECK = Duration.ofSeconds(5);

  /** Beyond this many unlisted sessions, a list says "more than" instead of counting them all. */
  public static final int COUNTED_UNLISTED = 100;

  /** Beyond this many cached confirmations the cache starts over (a bound, not a tuning knob). */
  private static final int MAX_CONFIRMATIONS = 100_000;

  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject Clock clock;
  @Inject SessionRecordRepository records;
  @Inject AccountRepository accounts;
  @Inject AuditTrail audit;
  @Inject SecuritySettings settings;
  @Inject OpenIdSettings openId;
  @Inject LinkedIdentityRepository identities;
  @Inject SeenLogoutTokens seenLogoutTokens;

  private final Map<String, Instant> confirmedAt = new ConcurrentHashMap<>();

  /**
   * Records a session that signs in now.
   *
   * @return the record's id, for the session to carry
   */
  public String open(
      long accountId, String method, String clientAddress, String userAgent, String providerSid) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    records.add(
        new SessionRecord(
            id,
            accountId,
            clock.instant(),
            clientAddress,
            Devices.describe(userAgent),
            method,
            providerSid));
    confirmedAt.put(id, clock.instant());
    return id;
  }

  /** Whether the session may still be used (at most {@link #RECHECK} stale for other instances). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public boolean isOpen(String id) {
    Instant now = clock.instant();
    Instant confirmed = confirmedAt.get(id);
    if (confirmed != null && confirmed.plus(RECHECK).isAfter(now)) {
      return true;
    }
    boolean open = records.exists(id);
    remember(id, open, now);
    return open;
  }

  /** A request of the session, written at most once a minute by the caller; false if ended. */
  public boolean seen(String id) {
    Instant now = clock.instant();
    boolean open = records.seen(id, now);
    remember(id, open, now);
    return open;
  }

  /** The session ended (signed out, timed out, replaced by a new sign-in). */
  public void closed(String id) {
    confirmedAt.remove(id);
    records.remove(id);
  }

  /**
   * The account's open sessions, most recently used first, at most {@code max}; {@code currentId}
   * (null for none) marks this device's, which is always listed, last when {@code max} others were
   * used more recently. Reads at most {@code max} + 1 records, and counts the others up to {@link
   * #COUNTED_UNLISTED}, however many sessions the account has.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public SessionList of(long accountId, String currentId, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max " + max);
    }
    Instant now = clock.instant();
    Instant seenSince = now.minus(settings.sessionIdleTimeout());
    Instant signedInSince = now.minus(settings.sessionMaxAge());
    List<SessionView> listed =
        new ArrayList<>(
            records.recentOfAccount(accountId, seenSince, signedInSince, max).stream()
                .map(record -> SessionView.of(record, currentId))
                .toList());
    if (listed.size() < max) {
      return new SessionList(listed, 0, true);
    }
    if (currentId != null && listed.stream().noneMatch(SessionView::current)) {
      records
          .find(currentId)
          .filter(record -> record.getAccountId() == accountId && !expired(record, now))
          .ifPresent(record -> listed.set(max - 1, SessionView.of(record, currentId)));
    }
    int counted = // one more than shown tells whether there are more
        records.countOfAccount(accountId, seenSince, signedInSince, max + COUNTED_UNLISTED + 1);
    boolean exact = counted <= max + COUNTED_UNLISTED;
    return new SessionList(
        listed, Math.min(counted, max + COUNTED_UNLISTED) - listed.size(), exact);
  }

  /**
   * The owner ends one of their other sessions (their own is ended by signing out).
   *
   * @return false when that session had ended already
   */
  public boolean endOwn(long accountId, String id, String currentId, String clientAddress) {
    if (id == null || id.equals(currentId)) {
      throw new InvalidInputException("sessions.end.current");
    }
    Account account = account(accountId);
    Optional<String> ended = endOne(accountId, id);
    ended.ifPresent(
        what ->
            audit.record(
                AuditEntry.byOwner(
                    AuditEvent.SESSION_ENDED, account, clock.instant(), what, clientAddress)));
    return ended.isPresent();
  }

  /** The owner ends every session but this one; returns how many. */
  public int endOthers(long accountId, String currentId, String clientAddress) {
    Account account = account(accountId);
    int ended = endAllOf(accountId, currentId);
    if (ended > 0) {
      audit.record(
          AuditEntry.byOwner(
              AuditEvent.SESSIONS_ENDED,
              account,
              clock.instant(),
              "other sessions: " + ended,
              clientAddress));
    }
    return ended;
  }

  /**
   * Ends one session of the account, for an admin who audits it with their reason.
   *
   * @return what the session was, or empty when it had ended already
   */
  public Optional<String> endOne(long accountId, String id) {
    SessionRecord record =
        id == null
            ? null
            : records.find(id).filter(r -> r.getAccountId() == accountId).orElse(null);
    return record != null && end(record) ? Optional.of(describe(record)) : Optional.empty();
  }

  /**
   * Removes the records of every session of the account but {@code keep} (null for all), for the
   * callers that end them by other means too (the session generation).
   */
  public int endAllOf(long accountId, String keep) {
    for (String id : records.idsOfAccount(accountId)) {
      if (!id.equals(keep)) {
        confirmedAt.remove(id);
      }
    }
    return records.removeOthers(accountId, keep);
  }

  /**
   * The provider ended its session {@code sid}, or every session of {@code subject} (a verified
   * back-channel logout token): the Latchkey sessions that signed in through it end, and the
   * token's jti is remembered so that the same token does nothing again.
   *
   * @return how many sessions ended
   * @throws BackChannelLogouts.ReplayedLogoutTokenException when the jti was acted on before
   */
  public int endProviderSessions(LogoutToken token, String clientAddress) {
    if (seenLogoutTokens.seen(token.issuer(), token.jti())) {
      throw new BackChannelLogouts.ReplayedLogoutTokenException();
    }
    seenLogoutTokens.add(new SeenLogoutToken(token.issuer(), token.jti(), token.keepUntil()));
    String provider = openId.getProviderId();
    List<SessionRecord> named =
        token.sid() != null
            ? records.ofProviderSession(provider, token.sid())
            : identities
                .find(new IdentityKey(token.issuer(), token.subject()))
                .map(identity -> records.ofAccountByMethod(identity.getAccount().getId(), provider))
                .orElse(List.of());
    Map<Long, Integer> endedPerAccount = new TreeMap<>();
    for (SessionRecord record : named) {
      if (end(record)) {
        endedPerAccount.merge(record.getAccountId(), 1, Integer::sum);
      }
    }
    endedPerAccount.forEach(
        (accountId, ended) ->
            accounts
                .findById(accountId)
                .ifPresent(
                    account ->
                        audit.record(
                            AuditEntry.of(AuditEvent.SIGNED_OUT_BY_PROVIDER, clock.instant())
                                .target(account)
                                .detail(
                                    "back-channel logout of "
                                        + (token.sid() != null ? "its session" : "the subject")
                                        + ": "
                                        + ended
                                        + (ended == 1 ? " session" : " sessions"))
                                .clientAddress(clientAddress)
                                .build())));
    return endedPerAccount.values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * Removes the records of sessions past their idle or absolute limit, and the logout tokens too
   * old to be accepted again; returns how many sessions.
   */
  public int removeExpired() {
    Instant now = clock.instant();
    seenLogoutTokens.removeExpired(now);
    return records.removeExpired(
        now.minus(settings.sessionIdleTimeout()), now.minus(settings.sessionMaxAge()));
  }

  /** Whether the record was still there (another request may have ended it meanwhile). */
  private boolean end(SessionRecord record) {
    confirmedAt.remove(record.getId());
    return records.remove(record.getId());
  }

  private boolean expired(SessionRecord record, Instant now) {
    return record.getLastSeenAt().plus(settings.sessionIdleTimeout()).isBefore(now)
        || record.getSignedInAt().plus(settings.sessionMaxAge()).isBefore(now);
  }

  private void remember(String id, boolean open, Instant now) {
    if (!open) {
      confirmedAt.remove(id);
      return;
    }
    if (confirmedAt.size() >= MAX_CONFIRMATIONS) {
      confirmedAt.clear();
    }
    confirmedAt.put(id, now);
  }

  private Account account(long accountId) {
    return accounts.findById(accountId).orElseThrow(AccountNotFoundException::new);
  }

  private static String describe(SessionRecord record) {
    String device = record.getDevice().isEmpty() ? "unknown device" : record.getDevice();
    return device + ", " + record.getMethod() + ", signed in " + record.getSignedInAt();
  }
}
