package io.latchkey.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Races for tests: actions on threads of their own, released together by a barrier. */
public final class AtOnce {

  private AtOnce() {}

  /** Runs the actions at the same moment; their results in the same order (within a minute). */
  @SafeVarargs
  public static <T> List<T> run(Callable<T>... actions) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(actions.length);
    try {
      CyclicBarrier together = new CyclicBarrier(actions.length);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> action : actions) {
        futures.add(
            pool.submit(
                () -> {
                  together.await(10, TimeUnit.SECONDS);
                  return action.call();
                }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
