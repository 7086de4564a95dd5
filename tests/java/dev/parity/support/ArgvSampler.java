package dev.parity.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Reads every process's command line ({@code /proc/PID/cmdline}) over and over while a test runs,
 * looking for secret values. {@link #verify()} fails the test on a hit, on any error of the sampler
 * itself, and when the samples do not cover the whole run: a sampler that stopped early, or slept
 * through most of it, proves nothing.
 */
public final class ArgvSampler implements AutoCloseable {
  /** The longest pause between two samples that still counts as watching. */
  static final Duration MAX_GAP = Duration.ofSeconds(2);

  private final List<String> secrets;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<String> hits = new CopyOnWriteArrayList<>();
  private final AtomicReference<Throwable> error = new AtomicReference<>();
  private final long started = System.nanoTime();
  private final Thread thread;
  private volatile long samples;
  private volatile long lastSample = started;
  private volatile long longestGap;
  private volatile long stopped;

  private ArgvSampler(List<String> secrets) {
    this.secrets = List.copyOf(secrets);
    thread = new Thread(this::loop, "argv-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  public static ArgvSampler start(List<String> secrets) {
    return new ArgvSampler(secrets);
  }

  private void loop() {
    try {
      while (running.get()) {
        sampleOnce();
        long now = System.nanoTime();
        longestGap = Math.max(longestGap, now - lastSample);
        lastSample = now;
        samples++;
        Thread.sleep(20);
      }
    } catch (Throwable e) {
      error.set(e);
    }
  }

  private void sampleOnce() throws IOException {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        String cmdline;
        try {
          cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
        } catch (NoSuchFileException gone) {
          continue; // the process ended between listing and reading
        } catch (IOException e) {
          if (!Files.exists(p)) {
            continue; // ended while being read (ESRCH)
          }
          throw e;
        }
        for (String secret : secrets) {
          if (cmdline.contains(secret)) {
            hits.add(cmdline.replace('\0', ' '));
          }
        }
      }
    }
  }

  public long samples() {
    return samples;
  }

  /**
   * Stops sampling, then asserts: no command line held a secret, the sampler never failed, and it
   * sampled from start to stop with no pause longer than {@link #MAX_GAP}.
   */
  public void verify() throws InterruptedException {
    close();
    assertThat(error.get()).as("the argv sampler failed").isNull();
    assertThat(hits).as("process command lines holding a secret").isEmpty();
    long watched = stopped - started;
    long finalGap = stopped - lastSample;
    assertThat(Duration.ofNanos(Math.max(longestGap, finalGap)))
        .as(
            "longest pause between argv samples over %s (%d samples)",
            Duration.ofNanos(watched), samples)
        .isLessThanOrEqualTo(MAX_GAP);
    assertThat(samples).as("argv samples over %s", Duration.ofNanos(watched)).isGreaterThan(10);
  }

  @Override
  public void close() throws InterruptedException {
    if (running.getAndSet(false)) {
      thread.join(10_000);
      stopped = System.nanoTime();
    }
  }
}
