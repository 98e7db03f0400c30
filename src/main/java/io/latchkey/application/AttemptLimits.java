package io.latchkey.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Limits on the attempts that cost a password hash (sign-in, {@code /link}, re-authentication,
 * password change, registration), so that nobody can spend the server's CPU or spray passwords
 * across accounts for free.
 *
 * <ul>
 *   <li>Per client address: at most {@code LATCHKEY_ATTEMPTS_PER_ADDRESS_PER_MINUTE} (default 60)
 *       attempts in a minute (a fixed window). The per-account pause ({@code Account}) is separate:
 *       it stops guessing one account's password; this stops guessing many.
 *   <li>In total: at most {@code LATCHKEY_CONCURRENT_PASSWORD_HASHES} (default 4) hashes at once;
 *       an attempt waits up to 2 seconds for a turn, then is refused. So a flood of junk sign-ins
 *       queues here, in no transaction and holding no database connection, and signed-in users keep
 *       being served.
 * </ul>
 *
 * Counts are per server instance (a cluster of n instances allows n times as much); they live in
 * memory for a minute and are dropped as the window moves. Every refusal is counted in the {@link
 * OperatorMetrics}.
 */
@ApplicationScoped
public class AttemptLimits {

  private static final Duration WAIT_FOR_A_TURN = Duration.ofSeconds(2);

  private PerAddressLimit perAddress;
  private Semaphore hashes;
  private OperatorMetrics metrics;

  protected AttemptLimits() {}

  @Inject
  AttemptLimits(
      Clock clock,
      @ConfigProperty(name = "LATCHKEY_ATTEMPTS_PER_ADDRESS_PER_MINUTE", defaultValue = "60")
          int perAddress,
      @ConfigProperty(name = "LATCHKEY_CONCURRENT_PASSWORD_HASHES", defaultValue = "4")
          int concurrentHashes,
      OperatorMetrics metrics) {
    if (concurrentHashes < 1) {
      throw new IllegalArgumentException("attempt limits must be at least 1");
    }
    this.perAddress = new PerAddressLimit(clock, perAddress);
    this.hashes = new Semaphore(concurrentHashes, true);
    this.metrics = metrics;
  }

  /** One attempt from this address; false when the address used up its attempts this minute. */
  public boolean tryAttempt(String clientAddress) {
    if (perAddress.tryAcquire(clientAddress)) {
      return true;
    }
    metrics.throttled(OperatorMetrics.Limit.ATTEMPTS_PER_ADDRESS);
    return false;
  }

  /**
   * Runs a password hash in its turn.
   *
   * @return false when no turn came within 2 seconds (the hash did not run)
   */
  public boolean hashInTurn(Runnable hash) {
    boolean acquired;
    try {
      acquired = hashes.tryAcquire(WAIT_FOR_A_TURN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    if (!acquired) {
      metrics.throttled(OperatorMetrics.Limit.PASSWORD_HASHES);
      return false;
    }
    try {
      hash.run();
      return true;
    } finally {
      hashes.release();
    }
  }
}
