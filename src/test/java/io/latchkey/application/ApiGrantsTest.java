package io.latchkey.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.latchkey.application.ApiGrants.Connected;
import io.latchkey.application.ApiGrants.Files;
import io.latchkey.application.ApiGrants.Tokens;
import io.latchkey.application.settings.ApiSettings;
import io.latchkey.domain.Account;
import io.latchkey.domain.ApiGrant;
import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.EmailAddress;
import io.latchkey.domain.IdentityKey;
import io.latchkey.domain.ProviderIdentity;
import io.latchkey.domain.SealedToken;
import io.latchkey.testing.fakes.InMemoryAccounts;
import io.latchkey.testing.fakes.InMemoryApiGrants;
import io.latchkey.testing.fakes.InMemoryIdentities;
import io.latchkey.testing.fakes.RecordingAuditTrail;
import io.latchkey.testing.fakes.RecordingEvents;
import io.latchkey.testing.fakes.SteppingClock;
import io.latchkey.testing.fakes.TestSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ApiGrants} on the real {@link ApiGrantRecords}, {@link TokenVault} and {@link
 * ApiAccessTokens}, with the provider's token endpoint and the Drive API faked.
 */
class ApiGrantsTest {

  static final String GOOGLE = "https://accounts.google.com";
  static final String DRIVE = "https://www.googleapis.com/auth/drive.metadata.readonly";
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
  private static final String CLIENT = "198.51.100.7";
  private static final Duration HOUR = Duration.ofHours(1);
  private static final long TIMEOUT_SECONDS = 10;

  /** The key of the tests (any 32 bytes do). */
  static final byte[] KEY = key(1);

  private static final byte[] NEW_KEY = key(101);

  private static final List<DriveApi.DriveFile> FILES =
      List.of(new DriveApi.DriveFile("Notes", START, "https://drive.example.test/notes"));

  private final SteppingClock clock = new SteppingClock(START);
  private final InMemoryAccounts accounts = new InMemoryAccounts();
  private final RecordingAuditTrail audit = new RecordingAuditTrail();
  private final InMemoryApiGrants rows = new InMemoryApiGrants();
  private final RecordingEvents<ApiRevocations.Ended> ended = new RecordingEvents<>();
  private final FakeProvider provider = new FakeProvider();
  private final FakeDrive drive = new FakeDrive();
  private TokenVault vault = new TokenVault(Optional.of(KEY), List.of());
  private ApiGrants grants;
  private Account ada;
  private Account bob;
  private long adasIdentity;
  private IdentityKey adasKey = new IdentityKey(GOOGLE, "ada-sub");

  /** The records as the tests of other services need them: real, on fakes of the repositories. */
  static ApiGrantRecords records(
      Clock clock,
      InMemoryAccounts accounts,
      RecordingAuditTrail audit,
      InMemoryApiGrants rows,
      TokenVault vault,
      RecordingEvents<ApiRevocations.Ended> ended) {
    ApiGrantRecords records = new ApiGrantRecords();
    records.clock = clock;
    records.grants = rows;
    records.identities = new InMemoryIdentities(accounts);
    records.accounts = accounts;
    records.audit = audit;
    records.vault = vault;
    records.ended = ended;
    return records;
  }

  /** A grant of the identity, as a connect flow leaves it, without an audit entry. */
  static ApiGrant grant(
      InMemoryApiGrants rows,
      TokenVault vault,
      long accountId,
      long identityId,
      String refreshToken,
      Instant now) {
    String id = "grant-" + accountId + "-" + identityId + "-" + "x".repeat(30);
    ApiGrant grant =
        new ApiGrant(id, accountId, identityId, DRIVE, vault.seal(refreshToken, id), now);
    rows.add(grant);
    return grant;
  }

  static ApiSettings settings(Optional<byte[]> key) {
    return new ApiSettings(
        TestSettings.provider(GOOGLE),
        Optional.of(DRIVE),
        "Google Drive",
        "https://www.googleapis.com",
        Optional.empty(),
        key.map(bytes -> Base64.getEncoder().encodeToString(bytes)),
        Optional.empty());
  }

  @BeforeEach
  void wire() {
    grants = apiGrants(settings(Optional.of(KEY)), vault, new ApiAccessTokens());
    Account account =
        Account.registerWithPassword(
            new EmailAddress("ada@example.test"), "Ada", "hash", START.minus(Duration.ofDays(1)));
    account.link(
        new ProviderIdentity(adasKey, "ada@example.test", true, "Ada", null),
        START.minus(Duration.ofDays(1)));
    ada = accounts.add(account);
    adasIdentity = ada.getIdentities().get(0).getId();
    Account other =
        Account.registerWithPassword(
            new EmailAddress("bob@example.test"), "Bob", "hash", START.minus(Duration.ofDays(1)));
    other.link(
        new ProviderIdentity(new IdentityKey(GOOGLE, "bob-sub"), null, false, "Bob", null),
        START.minus(Duration.ofDays(1)));
    bob = accounts.add(other);
  }

  private ApiGrants apiGrants(ApiSettings settings, TokenVault vault, ApiAccessTokens tokens) {
    ApiGrants apiGrants = new ApiGrants();
    apiGrants.settings = settings;
    apiGrants.clock = clock;
    apiGrants.records = records(clock, accounts, audit, rows, vault, ended);
    apiGrants.accessTokens = tokens;
    apiGrants.provider = provider;
    apiGrants.drive = drive;
    return apiGrants;
  }

  // Connecting -----------------------------------------------------------------------------------

  @Test
  void connectingKeepsTheRefreshTokenSealedAndIsAudited() {
    assertEquals(Connected.CONNECTED, connect(tokens("refresh-1", "access-1", DRIVE, "openid")));

    ApiGrant row = onlyRow();
    SealedToken sealed = row.getToken().orElseThrow();
    assertFalse(sealed.value().contains("refresh-1"), "not in plaintext");
    assertFalse(
        sealed
            .value()
            .contains(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes("refresh-1"))));
    assertEquals(vault.currentKeyId().orElseThrow(), sealed.keyId());
    assertEquals(Optional.of("refresh-1"), vault.open(sealed, row.getId()));
    assertEquals(ada.getId(), row.getAccountId());
    assertEquals(adasIdentity, row.getIdentityId());
    assertEquals(ApiGrant.ID_LENGTH, row.getId().length());
    assertEquals(START, row.getGrantedAt());

    AuditEntry entry = audit.only();
    assertEquals(AuditEvent.API_CONNECTED, entry.getEventType());
    assertEquals(Optional.of(ada.getId()), entry.getActorAccountId());
    assertEquals(Optional.of(ada.getId()), entry.getTargetAccountId());
    assertEquals(Optional.of(CLIENT), entry.getClientAddress());
    String detail = entry.getDetail().orElseThrow();
    assertTrue(detail.contains(DRIVE), detail);
    assertFalse(detail.contains("refresh-1"), detail);

    ApiGrantView view = grants.grantsOf(ada.getId()).get(0);
    assertEquals(row.getId(), view.id());
    assertTrue(view.scopes().contains(DRIVE), view.scopes()::toString);
    assertFalse(view.revoked());
  }

  @Test
  void offlineAccessIsNotKeptAmongTheGrantedScopes() {
    assertEquals(
        Connected.CONNECTED, connect(tokens("refresh-1", "access-1", DRIVE, "offline_access")));

    assertEquals(List.of(DRIVE), grants.grantsOf(ada.getId()).get(0).scopes());
  }

  @Test
  void aTokenResponseWithoutScopeGrantedWhatWasAskedFor() {
    assertEquals(Connected.CONNECTED, connect(tokens("refresh-1", "access-1")));

    assertTrue(grants.grantsOf(ada.getId()).get(0).scopes().contains(DRIVE));
  }

  @Test
  void connectingAgainReplacesTheTokenOfTheSameGrant() {
    connect(tokens("refresh-1", "access-1", DRIVE));
    String id = onlyRow().getId();
    clock.advance(HOUR);

    assertEquals(Connected.CONNECTED, connect(tokens("refresh-2", "access-2", DRIVE)));

    assertEquals(id, onlyRow().getId());
    assertEquals(Optional.of("refresh-2"), vault.open(onlyRow().getToken().orElseThrow(), id));
    assertEquals(clock.instant(), onlyRow().getGrantedAt());
  }

  @Test
  void aConnectWithoutEveryScopeStoresNothing() {
    assertEquals(
        Connected.NOT_GRANTED, connect(tokens("refresh-1", "access-1", "openid", "email")));

    assertEquals(0, rows.size());
    assertEquals(List.of(), audit.events());
  }

  @Test
  void aConnectWithoutARefreshTokenStoresNothing() {
    Tokens tokens = new Tokens(Optional.empty(), "access-1", HOUR, Set.of(DRIVE));

    assertEquals(Connected.NO_REFRESH_TOKEN, connect(tokens));

    assertEquals(0, rows.size());
    assertEquals(List.of(), audit.events());
  }

  @Test
  void aConnectThroughAnotherIdentityStoresNothing() {
    Tokens tokens = tokens("refresh-1", "access-1", DRIVE);
    long bobsIdentity = bob.getIdentities().get(0).getId();

    assertEquals(
        Connected.OTHER_IDENTITY,
        grants.connect(
            ada.getId(), adasIdentity, new IdentityKey(GOOGLE, "bob-sub"), tokens, CLIENT),
        "the provider authenticated someone linked to another account");
    assertEquals(
        Connected.OTHER_IDENTITY,
        grants.connect(ada.getId(), bobsIdentity, adasKey, tokens, CLIENT),
        "the flow was started for another identity id");
    assertEquals(
        Connected.OTHER_IDENTITY,
        grants.connect(
            ada.getId(), adasIdentity, new IdentityKey(GOOGLE, "nobody"), tokens, CLIENT),
        "an identity linked to nobody");
    assertEquals(
        Connected.OTHER_IDENTITY,
        grants.connect(bob.getId(), adasIdentity, adasKey, tokens, CLIENT),
        "another account's identity");

    assertEquals(0, rows.size());
    assertEquals(List.of(), audit.events());
  }

  @Test
  void withoutAKeyNothingIsStoredAndNothingListed() {
    TokenVault keyless = new TokenVault(Optional.empty(), List.of());
    ApiGrants unusable = apiGrants(settings(Optional.empty()), keyless, new ApiAccessTokens());

    assertEquals(
        Connected.UNUSABLE,
        unusable.connect(
            ada.getId(), adasIdentity, adasKey, tokens("refresh-1", "a", DRIVE), CLIENT));

    assertEquals(0, rows.size());
    assertEquals(List.of(), audit.events());
  }

  // Listing files --------------------------------------------------------------------------------

  @Test
  void theFilesAreListedWithTheAccessTokenOfTheConnectWithoutARefresh() {
    connect(tokens("refresh-1", "access-1", DRIVE));

    Files files = grants.recentFiles(ada.getId(), grantId());

    assertEquals(new Files.Listed(FILES), files);
    assertEquals(0, provider.refreshes());
    assertEquals(List.of("access-1"), drive.tokens());
    assertEquals(ApiGrants.LISTED_FILES, drive.lastCount);
    assertEquals(Optional.of(START), onlyRow().getLastUsedAt());
  }

  @Test
  void anExpiredAccessTokenIsRefreshedOnceAndThenHeld() {
    connect(tokens("refresh-1", "access-1", DRIVE));
    clock.advance(HOUR.minus(ApiAccessTokens.MARGIN).minusSeconds(1));
    assertInstanceOf(Files.Listed.class, grants.recentFiles(ada.getId(), grantId()));
    assertEquals(0, provider.refreshes(), "still usable just before the margin");

    clock.advance(Duration.ofSeconds(1));
    assertEquals(new Files.Listed(FILES), grants.recentFiles(ada.getId(), grantId()));
    assertEquals(new Files.Listed(FILES), grants.recentFiles(ada.getId(), grantId()));

    assertEquals(List.of("refresh-1"), provider.refreshTokens());
    assertEquals(List.of("access-1", "access-2", "access-2"), drive.tokens());
    assertEquals(Optional.of(clock.instant()), onlyRow().getRefreshedAt());
    assertEquals(
        Optional.of("refresh-1"),
        vault.open(onlyRow().getToken().orElseThrow(), grantId()),
        "not rotated: the same token is kept");
  }

  @Test
  void twoRequestsThatNeedARefreshAtOnceCauseOneRefresh() throws Exception {
    connect(tokens("refresh-1", "access-1", DRIVE));
    clock.advance(HOUR);
    CountDownLatch refreshing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    provider.blockFirstRefresh(refreshing, release);

    FutureTask<Files> first = new FutureTask<>(() -> grants.recentFiles(ada.getId(), grantId()));
    Thread firstThread = new Thread(first, "first request");
    firstThread.start();
    assertTrue(refreshing.await(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the first refresh began");

    FutureTask<Files> second = new FutureTask<>(() -> grants.recentFiles(ada.getId(), grantId()));
    Thread secondThread = new Thread(second, "second request");
    secondThread.start();
    awaitWaiting(secondThread);
    release.countDown();

    assertEquals(new Files.Listed(FILES), first.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    assertEquals(new Files.Listed(FILES), second.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    assertEquals(1, provider.refreshes(), "the second request used the first one's token");
    assertEquals(List.of("access-2", "access-2"), drive.tokens());
  }

  @Test
  void aRotatedRefreshTokenReplacesTheStoredOne() {
    connect(tokens("refresh-1", "access-1", DRIVE));
    provider.answer(token -> granted("access-2", Optional.of("refresh-2")));
    clock.advance(HOUR);

    assertInstanceOf(Files.Listed.class, grants.recentFiles(ada.getId(), grantId()));

    SealedToken stored = onlyRow().getToken().orElseThrow();
    assertEquals(Optional.of("refresh-2"), vault.open(stored, grantId()));
    assertFalse(stored.value().contains("refresh-2"));

    provider.answer(token -> granted("access-3", Optional.empty()));
    clock.advance(HOUR);
    assertInstanceOf(Files.Listed.class, grants.recentFiles(ada.getId(), grantId()));
    assertEquals(List.of("refresh-1", "refresh-2"), provider.refreshTokens());
  }

  @Test
  void aRefusedAccessTokenIsRefreshedOnceAndTheCallRetried() {
    connect(tokens("refresh-1", "access-1", DRIVE));
    drive.answer(
        token -> token.equals("access-1") ? unauthorized() : new DriveApi.Listing.Files(FILES));

    assertEquals(new Files.Listed(FILES), grants.recentFiles(ada.getId(), grantId()));

    assertEquals(1, provider.refreshes());
    assertEquals(List.of("access-1", "access-2"), drive.tokens());
    assertEquals(List.of(AuditEvent.API_CONNECTED), audit.events());
  }

  @Test
  void anApiThatRefusesAFreshTokenTooAsksForAReconnect() {
    connect(tokens("refresh-1", "access-1", DRIVE));
    drive.answer(token -> unauthorized());

    assertEquals(new Files.Reconnect(), grants.recentFiles(ada.getId(), grantId()));

    assertEquals(1, provider.refreshes(), "one refresh, not a loop");
    assertEquals(List.of("access-1", "access-2"), drive.tokens());
    assertEquals(List.of(AuditEvent.API_CONNECTED, AuditEvent.API_REFRESH_FAILED), audit.events());
    assertEquals(Optional.of(ada.getId()), lastEntry().getTargetAccountId());
    assertFalse(grants.grantsOf(ada.getId()).get(0).revoked(), "the grant itself was not refused");
  }

  @Test
  void aRefusedRefreshTokenRevokesTheGrantAndLaterCallsDoNotAskTheProvider() {
    connect(tokens("refresh-1", "access-1", DRIVE));
    provider.answer(token -> new ProviderTokens.Refresh.Refused("invalid_grant"));
    clock.advance(HOUR);

    assertEquals(new Files.Reconnect(), grants.recentFiles(ada.getId(), grantId()));

    ApiGrantView view = grants.grantsOf(ada.getId()).get(0);
    assertTrue(view.revoked());
    assertEquals(Optional.empty(), onlyRow().getToken(), "the refused token is not kept");
    assertEquals(Optional.of(clock.instant()), onlyRow().getRevokedAt());
    assertEquals(List.of(AuditEvent.API_CONNECTED, AuditEvent.API_GRANT_LOST), audit.events());
    String detail = lastEntry().getDetail().orElseThrow();
    assertTrue(detail.contains("invalid_grant"), detail);
    assertEquals(Optional.of(ada.getId()), lastEntry().getTargetAccountId());

    assertEquals(new Files.Reconnect(), grants.recentFiles(ada.getId(), grantId()));
    clock.advance(HOUR);
    assertEquals(new Files.Reconnect(), grants.recentFiles(ada.getId(), grantId()));
    assertEquals(1, provider.refreshes(), "the provider is not asked again");
    assertEquals(List.of(), drive.tokens());
    assertEquals(2, audit.events().size(), "nothing more audited");
  }

  @Test
  void aRevokedGrantIsConnectedAgainInPlace() {
    connect(tokens("refresh-1", "access-1", DRIVE));
    provider.answer(token -> new ProviderTokens.Refresh.Refused("invalid_grant"));
    clock.advance(HOUR);
    grants.recentFiles(ada.getId(), grantId());

    assertEquals(Connected.CONNECTED, connect(tokens("refresh-2", "access-2", DRIVE)));

    assertFalse(grants.grantsOf(ada.getId()).get(0).revoked());
    assertEquals(new Files.Listed(FILES), grants.recentFiles(ada.getId(), grantId()));
    assertEquals(List.of("access-2"), drive.tokens());
  }

  @Test
  void anUnavailableProviderIsAuditedAndTheGrantKept() {
    connect(tokens("refresh-1", "access-1", DRIVE));
    provider.answer(token -> new ProviderTokens.Refresh.Unavailable("timed out"));
    clock.advance(HOUR);

    assertEquals(new Files.Unavailable(), grants.recentFiles(ada.getId(), grantId()));

    assertEquals(List.of(AuditEvent.API_CONNECTED, AuditEvent.API_REFRESH_FAILED), audit.events());
    assertEquals(Optional.of("timed out"), lastEntry().getDetail());
    assertFalse(grants.grantsOf(ada.getId()).get(0).revoked());
    assertEquals(List.of(), drive.tokens());

    provider.answer(token -> granted("access-2", Optional.empty()));
    assertEquals(new Files.Listed(FILES), grants.recentFiles(ada.getId(), grantId()));
  }

  @Test
  void anUnavailableApiIsUnavailableWithoutARefresh() {
    connect(tokens("refresh-1", "access-1", DRIVE));
    drive.answer(token -> new DriveApi.Listing.Unavailable("HTTP 503"));

    assertEquals(new Files.Unavailable(), grants.recentFiles(ada.getId(), grantId()));

    assertEquals(0, provider.refreshes());
    assertEquals(List.of(AuditEvent.API_CONNECTED), audit.events());
    assertEquals(Optional.empty(), onlyRow().getLastUsedAt());
  }

  @Test
  void anotherAccountsGrantIsNotConnected() {
    connect(tokens("refresh-1", "access-1", DRIVE));

    assertEquals(new Files.NotConnected(), grants.recentFiles(bob.getId(), grantId()));
    assertEquals(new Files.NotConnected(), grants.recentFiles(ada.getId(), "no-such-grant"));
    assertFalse(grants.disconnect(bob.getId(), grantId(), CLIENT));

    assertEquals(0, provider.refreshes());
    assertEquals(List.of(), drive.tokens());
    assertEquals(1, rows.size(), "the grant stays");
    assertEquals(List.of(), ended.fired());
    assertEquals(List.of(), grants.grantsOf(bob.getId()));
  }

  // Disconnecting --------------------------------------------------------------------------------

  @Test
  void disconnectingRemovesTheGrantAndHandsItsTokenOnForRevocation() {
    connect(tokens("refresh-1", "access-1", DRIVE));
    String id = grantId();

    assertTrue(grants.disconnect(ada.getId(), id, CLIENT));

    assertEquals(0, rows.size());
    assertEquals(new ApiRevocations.Ended(ada.getId(), id, Optional.of("refresh-1")), ended.only());
    assertEquals(List.of(AuditEvent.API_CONNECTED, AuditEvent.API_DISCONNECTED), audit.events());
    AuditEntry entry = lastEntry();
    assertEquals(Optional.of(ada.getId()), entry.getActorAccountId());
    assertEquals(Optional.of(ada.getId()), entry.getTargetAccountId());
    assertEquals(Optional.of(CLIENT), entry.getClientAddress());
    assertEquals(new Files.NotConnected(), grants.recentFiles(ada.getId(), id));
    assertFalse(grants.disconnect(ada.getId(), id, CLIENT), "ended already");
    assertEquals(1, ended.fired().size());
  }

  @Test
  void disconnectingARevokedGrantHasNoTokenToRevoke() {
    connect(tokens("refresh-1", "access-1", DRIVE));
    provider.answer(token -> new ProviderTokens.Refresh.Refused("invalid_grant"));
    clock.advance(HOUR);
    grants.recentFiles(ada.getId(), grantId());
    String id = grantId();

    assertTrue(grants.disconnect(ada.getId(), id, CLIENT));

    assertEquals(new ApiRevocations.Ended(ada.getId(), id, Optional.empty()), ended.only());
  }

  // Key rotation ---------------------------------------------------------------------------------

  @Test
  void afterARotationOldSealsOpenAndAreSealedAgainUnderTheNewKey() {
    connect(tokens("refresh-1", "access-1", DRIVE));
    String oldKeyId = onlyRow().getToken().orElseThrow().keyId();
    ApiGrant other =
        grant(rows, vault, bob.getId(), bob.getIdentities().get(0).getId(), "bobs", START);
    other.revoked(START); // no token: nothing to seal again

    TokenVault rotated = new TokenVault(Optional.of(NEW_KEY), List.of(KEY));
    ApiGrantRecords records = records(clock, accounts, audit, rows, rotated, ended);

    assertEquals(1, records.resealStale(10));

    SealedToken resealed = onlyRowOf(ada).getToken().orElseThrow();
    assertEquals(rotated.currentKeyId().orElseThrow(), resealed.keyId());
    assertNotEquals(oldKeyId, resealed.keyId());
    assertEquals(Optional.of("refresh-1"), rotated.open(resealed, grantId()));
    assertEquals(Optional.empty(), vault.open(resealed, grantId()), "the old key alone cannot");
    assertEquals(0, records.resealStale(10), "nothing left under the old key");
  }

  @Test
  void afterARotationARefreshSealsAnOldTokenAgainUnderTheNewKey() {
    connect(tokens("refresh-1", "access-1", DRIVE));
    TokenVault rotated = new TokenVault(Optional.of(NEW_KEY), List.of(KEY));
    ApiGrants afterRotation =
        apiGrants(settings(Optional.of(NEW_KEY)), rotated, new ApiAccessTokens());
    clock.advance(HOUR);

    assertEquals(new Files.Listed(FILES), afterRotation.recentFiles(ada.getId(), grantId()));

    SealedToken stored = onlyRow().getToken().orElseThrow();
    assertEquals(rotated.currentKeyId().orElseThrow(), stored.keyId());
    assertEquals(Optional.of("refresh-1"), rotated.open(stored, grantId()));
  }

  @Test
  void aGrantWhoseKeyIsGoneIsNotConnected() {
    connect(tokens("refresh-1", "access-1", DRIVE));
    TokenVault otherKey = new TokenVault(Optional.of(NEW_KEY), List.of());
    ApiGrants withoutOldKey =
        apiGrants(settings(Optional.of(NEW_KEY)), otherKey, new ApiAccessTokens());

    assertEquals(new Files.NotConnected(), withoutOldKey.recentFiles(ada.getId(), grantId()));
    assertEquals(0, provider.refreshes());
  }

  // Helpers --------------------------------------------------------------------------------------

  private Connected connect(Tokens tokens) {
    return grants.connect(ada.getId(), adasIdentity, adasKey, tokens, CLIENT);
  }

  private static Tokens tokens(String refreshToken, String accessToken, String... scopes) {
    return new Tokens(Optional.of(refreshToken), accessToken, HOUR, Set.of(scopes));
  }

  private String grantId() {
    return onlyRowOf(ada).getId();
  }

  private ApiGrant onlyRow() {
    assertEquals(1, rows.size(), rows.all()::toString);
    return rows.all().get(0);
  }

  private ApiGrant onlyRowOf(Account account) {
    List<ApiGrant> of = rows.ofAccount(account.getId());
    assertEquals(1, of.size());
    return of.get(0);
  }

  private AuditEntry lastEntry() {
    List<AuditEntry> entries = audit.entries();
    return entries.get(entries.size() - 1);
  }

  private static ProviderTokens.Refresh granted(String accessToken, Optional<String> rotated) {
    return new ProviderTokens.Refresh.Granted(accessToken, HOUR, rotated);
  }

  private static DriveApi.Listing unauthorized() {
    return new DriveApi.Listing.Unauthorized();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  static byte[] key(int seed) {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (seed + i * 7);
    }
    return key;
  }

  /** Waits until the thread is parked (on the refresh lock), failing after the timeout. */
  private static void awaitWaiting(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (thread.getState() != Thread.State.WAITING
        && thread.getState() != Thread.State.TIMED_WAITING) {
      if (System.nanoTime() > deadline || !thread.isAlive()) {
        fail("the second request did not wait for the first one's refresh: " + thread.getState());
      }
      Thread.sleep(5);
    }
  }

  /**
   * The provider's token endpoint: grants "access-2", "access-3", … (unless told otherwise) and
   * counts the refresh grants; the first one may wait for a latch.
   */
  private static final class FakeProvider implements ProviderTokens {
    private final List<String> refreshTokens = new ArrayList<>();
    private final Deque<CountDownLatch[]> blocks = new ArrayDeque<>();
    private Function<String, Refresh> answer;
    private int issued = 1;

    @Override
    public Refresh refresh(String refreshToken) {
      CountDownLatch[] block;
      Function<String, Refresh> answering;
      synchronized (this) {
        refreshTokens.add(refreshToken);
        block = blocks.poll();
        answering = answer;
      }
      if (block != null) {
        block[0].countDown();
        try {
          if (!block[1].await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("the blocked refresh was not released");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
      if (answering != null) {
        return answering.apply(refreshToken);
      }
      synchronized (this) {
        return granted("access-" + ++issued, Optional.empty());
      }
    }

    @Override
    public Revocation revoke(String refreshToken) {
      throw new AssertionError("revocation happens after the commit, in ApiRevocations");
    }

    synchronized void answer(Function<String, Refresh> answer) {
      this.answer = answer;
    }

    /** The next refresh counts {@code entered} down, then waits for {@code release}. */
    synchronized void blockFirstRefresh(CountDownLatch entered, CountDownLatch release) {
      blocks.add(new CountDownLatch[] {entered, release});
    }

    synchronized int refreshes() {
      return refreshTokens.size();
    }

    synchronized List<String> refreshTokens() {
      return List.copyOf(refreshTokens);
    }
  }

  /** The Drive API: lists {@link #FILES} (unless told otherwise) and keeps the tokens it got. */
  private static final class FakeDrive implements DriveApi {
    private final List<String> tokens = new ArrayList<>();
    private Function<String, Listing> answer = token -> new Listing.Files(FILES);
    private volatile int lastCount;

    @Override
    public Listing recentFiles(String accessToken, int count) {
      Function<String, Listing> answering;
      synchronized (this) {
        tokens.add(accessToken);
        answering = answer;
      }
      lastCount = count;
      return answering.apply(accessToken);
    }

    synchronized void answer(Function<String, Listing> answer) {
      this.answer = answer;
    }

    synchronized List<String> tokens() {
      return List.copyOf(tokens);
    }
  }
}
