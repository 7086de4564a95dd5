package dev.parity.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs probes in parallel on a bounded pool. Each probe has its own timeout; the pool also stops
 * waiting for a probe at that timeout plus a margin, so one hung endpoint costs one timeout and
 * delays no other probe.
 */
public final class ProbePool {
  public static final int DEFAULT_THREADS = 128;
  private static final Duration MARGIN = Duration.ofMillis(500);

  private final int threads;

  public ProbePool(int threads) {
    this.threads = threads;
  }

  /** Observes every probe; the results are in the order of the probes. */
  public List<Observation> observeAll(List<VersionProbe> probes, Duration timeout) {
    if (probes.isEmpty()) {
      return List.of();
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(threads, probes.size()),
            r -> {
              Thread t = new Thread(r, "parity-probe");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Observation>> futures = new ArrayList<>();
      probes.forEach(p -> futures.add(pool.submit(() -> p.observe(timeout))));
      long deadline =
          System.nanoTime()
              + timeout.plus(MARGIN).toNanos()
                  * (long) Math.ceil(probes.size() / (double) Math.min(threads, probes.size()));
      List<Observation> results = new ArrayList<>();
      for (Future<Observation> f : futures) {
        long left = Math.max(0, deadline - System.nanoTime());
        try {
          results.add(f.get(left, TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
          f.cancel(true);
          results.add(
              Observation.unreachable("no answer within " + timeout.toMillis() + " ms", timeout));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          results.add(Observation.unreachable("interrupted", Duration.ZERO));
        } catch (java.util.concurrent.ExecutionException e) {
          results.add(Observation.unreachable(String.valueOf(e.getCause()), Duration.ZERO));
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
