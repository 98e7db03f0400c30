package io.latchkey.application;

import java.time.Duration;

/**
 * What operators watch on a running instance: how sign-ins go and how long they take, attempts
 * refused by a limit, and the sessions it holds. The infrastructure keeps the numbers and exposes
 * them for a scraper (Prometheus' text format); sign-ins by outcome and reason and the calls to the
 * provider are counted there too, from the audit trail and the provider client.
 *
 * <p>Every name and label value comes from a fixed set (methods are {@code password} or a
 * configured provider's id), so the number of series stays bounded whatever the requests carry.
 */
public interface OperatorMetrics {

  /** Password sign-ins, as a method. */
  String PASSWORD = "password";

  /**
   * A sign-in request was answered.
   *
   * @param method {@link #PASSWORD} or the configured provider's id
   * @param signedIn whether it ended signed in
   * @param took how long this server worked on it, provider calls included
   */
  void signInAnswered(String method, boolean signedIn, Duration took);

  /** An attempt was refused by a limit before any work was done for it. */
  void throttled(Limit limit);

  /** The limits whose refusals are counted. */
  enum Limit {
    /** Password attempts per client address and minute. */
    ATTEMPTS_PER_ADDRESS,
    /** No turn for a password hash within the wait. */
    PASSWORD_HASHES,
    /** Provider sign-in starts per client address and minute. */
    SIGN_IN_STARTS_PER_ADDRESS,
    /** Provider sign-ins under way on this instance. */
    PENDING_SIGN_INS
  }

  /**
   * The HTTP sessions on this instance changed: {@code all} more or fewer sessions, {@code
   * signedIn} more or fewer signed-in ones (a session signs in after it was made, and ends or signs
   * out).
   */
  void sessionsChanged(int all, int signedIn);

  /** The current numbers in Prometheus' text exposition format (version 0.0.4). */
  String scrape();
}
