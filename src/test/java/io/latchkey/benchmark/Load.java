package io.latchkey.benchmark;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The load driver: a fixed number of iterations shared by virtual users, one thread each, every
 * user starting the next iteration as soon as its last one ended (a closed system, as in a
 * benchmark of throughput). Latency is that of a whole iteration; throughput is completed
 * iterations over the wall-clock time of the run.
 *
 * <p>A failed iteration is counted and its first error kept, and left out of the latencies; a run
 * in which none succeeds throws, because it has no numbers to give.
 */
final class Load {

  private Load() {}

  /** What one virtual user does in one iteration. */
  @FunctionalInterface
  interface Step {
    void run(VirtualUser user, int iteration) throws Exception;
  }

  /**
   * The outcome of a run.
   *
   * @param users how many virtual users ran at once
   * @param completed iterations that succeeded
   * @param failed iterations that threw
   * @param elapsed wall-clock time of the run
   * @param latencies the succeeded iterations' durations in nanoseconds, sorted
   * @param firstFailure the first error, or null
   */
  record Result(
      int users,
      int completed,
      int failed,
      Duration elapsed,
      long[] latencies,
      String firstFailure) {

    double perSecond() {
      return completed / (elapsed.toNanos() / 1e9);
    }

    double p50Millis() {
      return percentileMillis(0.50);
    }

    double p99Millis() {
      return percentileMillis(0.99);
    }

    double percentileMillis(double fraction) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      int rank = (int) Math.ceil(fraction * latencies.length);
      return latencies[Math.max(0, rank - 1)] / 1e6;
    }

    /** This run and {@code other} as one (for alternating rounds of the same work). */
    Result plus(Result other) {
      long[] both = Arrays.copyOf(latencies, latencies.length + other.latencies.length);
      System.arraycopy(other.latencies, 0, both, latencies.length, other.latencies.length);
      Arrays.sort(both);
      return new Result(
          Math.max(users, other.users),
          completed + other.completed,
          failed + other.failed,
          elapsed.plus(other.elapsed),
          both,
          firstFailure != null ? firstFailure : other.firstFailure);
    }
  }

  /** Runs {@code iterations} of {@code step}, shared by {@code users} at once. */
  static Result run(List<VirtualUser> users, int iterations, Step step) {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    long[] latencies = new long[iterations];
    AtomicInteger completed = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(users.size());
    long start = System.nanoTime();
    try {
      List<Future<?>> running =
          users.stream()
              .<Future<?>>map(
                  user ->
                      threads.submit(
                          () -> {
                            int iteration;
                            while ((iteration = next.getAndIncrement()) < iterations) {
                              long began = System.nanoTime();
                              try {
                                step.run(user, iteration);
                                latencies[completed.getAndIncrement()] = System.nanoTime() - began;
                              } catch (Exception e) {
                                failed.incrementAndGet();
                                firstFailure.compareAndSet(null, e.toString());
                              }
                            }
                          }))
              .toList();
      for (Future<?> user : running) {
        user.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("The load driver failed", e);
    } finally {
      threads.shutdownNow();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    long[] done = Arrays.copyOf(latencies, completed.get());
    Arrays.sort(done);
    Result result =
        new Result(users.size(), completed.get(), failed.get(), elapsed, done, firstFailure.get());
    if (result.failed() > iterations / 100) {
      throw new IllegalStateException(
          result.failed()
              + " of "
              + iterations
              + " iterations failed; first: "
              + firstFailure.get());
    }
    return result;
  }
}
