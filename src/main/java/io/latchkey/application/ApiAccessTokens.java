package io.latchkey.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Access tokens for API grants, in this instance's memory only (never in the database, a session or
 * a page), each until {@link #MARGIN} before it expires. {@link #obtain} lets one request at a time
 * refresh a grant's token: a second request that needs the same grant's token at the same moment
 * waits for the first one's and uses it, so that a provider that rotates refresh tokens is not sent
 * the same one twice.
 */
@ApplicationScoped
public class ApiAccessTokens {

  /** A token is not used this close to its expiry (nor in the last half of a shorter life). */
  static final Duration MARGIN = Duration.ofSeconds(60);

  private final Map<String, Held> held = new ConcurrentHashMap<>();
  private final Map<String, ReentrantLock> refreshing = new ConcurrentHashMap<>();

  /** A token and when it stops being used. */
  record Held(String token, Instant usableUntil) {
    @Override
    public String toString() {
      return "Held[usableUntil=" + usableUntil + "]";
    }
  }

  /** What a refresh gave: a token and its lifetime, or nothing (the caller knows why). */
  public record Fresh(String token, Duration expiresIn) {
    @Override
    public String toString() {
      return "Fresh[expiresIn=" + expiresIn + "]";
    }
  }

  /**
   * The grant's held token, or one from {@code refresh}, called by one request at a time per grant
   * and only when no usable token is held once it may run.
   *
   * @param stale a token the caller found refused (the API answered 401): not used again
   */
  public Optional<String> obtain(
      String grantId, Clock clock, String stale, Supplier<Optional<Fresh>> refresh) {
    Optional<String> current = usable(grantId, clock, stale);
    if (current.isPresent()) {
      return current;
    }
    ReentrantLock lock = refreshing.computeIfAbsent(grantId, id -> new ReentrantLock());
    lock.lock();
    try {
      current = usable(grantId, clock, stale);
      if (current.isPresent()) {
        return current;
      }
      Optional<Fresh> fresh = refresh.get();
      fresh.ifPresentOrElse(token -> hold(grantId, clock, token), () -> held.remove(grantId));
      return fresh.map(Fresh::token);
    } finally {
      lock.unlock();
    }
  }

  /** Holds a token the provider has just issued (at the end of a connect flow). */
  public void hold(String grantId, Clock clock, Fresh token) {
    Duration margin =
        token.expiresIn().dividedBy(2).compareTo(MARGIN) < 0
            ? token.expiresIn().dividedBy(2)
            : MARGIN;
    held.put(
        grantId, new Held(token.token(), clock.instant().plus(token.expiresIn()).minus(margin)));
  }

  /** Drops the grant's token (access ended, or the provider refused it). */
  public void forget(String grantId) {
    held.remove(grantId);
    refreshing.remove(grantId);
  }

  private Optional<String> usable(String grantId, Clock clock, String stale) {
    Held token = held.get(grantId);
    if (token == null
        || !clock.instant().isBefore(token.usableUntil())
        || token.token().equals(stale)) {
      return Optional.empty();
    }
    return Optional.of(token.token());
  }
}
