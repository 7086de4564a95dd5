package dev.parity.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteResultHandler;
import org.apache.commons.exec.PumpStreamHandler;
import org.apache.commons.exec.ShutdownHookProcessDestroyer;

/**
 * The process runner on Apache Commons Exec. On timeout it interrupts first (SIGINT: Terraform then
 * releases its lock and writes its state), waits the grace period, and only then kills the process
 * and its descendants.
 */
public final class ExecProcessRunner implements ProcessRunner {

  @Override
  public ProcessResult run(ProcessSpec spec) {
    CommandLine command = new CommandLine(spec.argv().get(0));
    // handleQuoting=false: every argument reaches the program exactly as given, whatever it
    // contains.
    spec.argv().stream().skip(1).forEach(arg -> command.addArgument(arg, false));

    AtomicReference<Process> launched = new AtomicReference<>();
    DefaultExecutor executor =
        new DefaultExecutor() {
          @Override
          protected Process launch(CommandLine cl, Map<String, String> env, File dir)
              throws IOException {
            Process p = super.launch(cl, env, dir);
            launched.set(p);
            return p;
          }

          @Override
          protected Process launch(CommandLine cl, Map<String, String> env, Path dir)
              throws IOException {
            Process p = super.launch(cl, env, dir);
            launched.set(p);
            return p;
          }
        };
    executor.setWorkingDirectory(spec.workDir().toFile());
    executor.setExitValues(null); // every exit code is a result, not an exception
    executor.setProcessDestroyer(new ShutdownHookProcessDestroyer());
    OutputCapture out = new OutputCapture(spec.masker(), spec.lineSink());
    OutputCapture err = new OutputCapture(spec.masker(), spec.lineSink());
    java.io.OutputStream stdout = out;
    if (spec.stdoutFile() != null) {
      try {
        stdout = PrivateFiles.newOutputStream(spec.stdoutFile());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot write " + spec.stdoutFile(), e);
      }
    }
    PumpStreamHandler streams = new PumpStreamHandler(stdout, err, null);
    // A daemon started by the tool may inherit its output pipes; do not wait for it forever once
    // the tool is done.
    streams.setStopTimeout(Duration.ofSeconds(10));
    executor.setStreamHandler(streams);

    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(spec.environment());

    ResultLatch handler = new ResultLatch();
    long start = System.nanoTime();
    try {
      executor.execute(command, env, handler);
    } catch (IOException e) {
      throw new ToolNotFoundException(spec, e);
    }
    boolean timedOut = false;
    try {
      handler.waitFor(spec.timeout());
      if (!handler.hasResult()) {
        timedOut = true;
        stop(launched.get(), handler, spec.grace());
      }
    } catch (InterruptedException e) {
      // A cancelled run stops the tool the same gentle way as a timeout; the flag is set again only
      // afterwards, else every wait inside stop() would end at once and the tool be killed unasked.
      stop(launched.get(), handler, spec.grace());
      Thread.currentThread().interrupt();
    }
    if (launched.get() == null && handler.hasResult() && handler.getException() != null) {
      throw new ToolNotFoundException(spec, handler.getException());
    }
    closeQuietly(out);
    closeQuietly(err);
    if (stdout != out) {
      try {
        stdout.close();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot write " + spec.stdoutFile(), e);
      }
    }
    int exit = handler.hasResult() ? handler.getExitValue() : -1;
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    return new ProcessResult(spec, exit, out.text(), err.text(), took, timedOut);
  }

  private static void stop(Process process, ResultLatch handler, Duration grace) {
    if (process == null) {
      return;
    }
    interrupt(process.pid());
    try {
      handler.waitFor(grace);
      if (!handler.hasResult()) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        handler.waitFor(Duration.ofSeconds(10));
      }
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Wakes the waiting thread the moment the tool exits. commons-exec's DefaultExecuteResultHandler
   * polls every 50 ms, which a deploy of a dozen tool runs paid in full (BENCHMARKS.md,
   * orchestration overhead).
   */
  private static final class ResultLatch implements ExecuteResultHandler {
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile int exitValue = -1;
    private volatile ExecuteException exception;

    @Override
    public void onProcessComplete(int exitValue) {
      this.exitValue = exitValue;
      done.countDown();
    }

    @Override
    public void onProcessFailed(ExecuteException e) {
      this.exitValue = e.getExitValue();
      this.exception = e;
      done.countDown();
    }

    boolean hasResult() {
      return done.getCount() == 0;
    }

    int getExitValue() {
      return exitValue;
    }

    ExecuteException getException() {
      return exception;
    }

    void waitFor(Duration timeout) throws InterruptedException {
      done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /**
   * The JDK can only TERM or KILL; SIGINT is what Terraform and Ansible treat as a graceful cancel.
   */
  private static void interrupt(long pid) {
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(OutputCapture capture) {
    try {
      capture.close();
    } catch (IOException ignored) {
      // the stream is in memory; nothing to report
    }
  }
}
