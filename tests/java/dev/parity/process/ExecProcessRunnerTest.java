package dev.parity.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.text.SecretMasker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecProcessRunnerTest {
  private final ProcessRunner runner = new ExecProcessRunner();
  @TempDir Path dir;

  private ProcessSpec sh(String script, Duration timeout) {
    return ProcessSpec.of("sh", List.of("sh", "-c", script), dir, timeout);
  }

  @Test
  void passesHostileArgumentsAsLiteralWords() {
    List<String> hostile = List.of("'; rm -rf / #", "$(id)", "a\nb", "two words", "\"quoted\"");
    var argv =
        new java.util.ArrayList<>(
            List.of("sh", "-c", "for a in \"$@\"; do printf '[%s]' \"$a\"; done", "sh"));
    argv.addAll(hostile);
    ProcessResult result = runner.run(ProcessSpec.of("sh", argv, dir, Duration.ofSeconds(10)));
    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).isEqualTo("['; rm -rf / #][$(id)][a\nb][two words][\"quoted\"]\n");
  }

  @Test
  void runsInTheGivenDirectoryWithTheAddedEnvironment() throws Exception {
    ProcessResult result =
        runner.run(
            sh("pwd; echo \"$PARITY_TEST_VALUE\"", Duration.ofSeconds(10))
                .withEnvironment(Map.of("PARITY_TEST_VALUE", "from-env")));
    assertThat(result.stdout().lines().toList())
        .containsExactly(dir.toRealPath().toString(), "from-env")
        .as("working directory, then the variable");
  }

  @Test
  void masksSecretsInStreamedAndCapturedOutput() {
    List<String> streamed = new CopyOnWriteArrayList<>();
    ProcessResult result =
        runner.run(
            sh("echo \"pw=$S\"; echo \"err $S\" >&2", Duration.ofSeconds(10))
                .withEnvironment(Map.of("S", "canary-s3cr3t"))
                .withMasker(SecretMasker.of(List.of("canary-s3cr3t")))
                .streamingTo(streamed::add));
    assertThat(result.stdout()).isEqualTo("pw=****\n");
    assertThat(result.stderr()).isEqualTo("err ****\n");
    assertThat(streamed).containsExactlyInAnyOrder("pw=****", "err ****");
  }

  @Test
  void reportsNonZeroExitAsResultAndNamesToolSubcommandAndStderrTail() {
    ProcessResult result =
        runner.run(
            ProcessSpec.of(
                "sh", List.of("sh", "-c", "echo boom >&2; exit 3"), dir, Duration.ofSeconds(10)));
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.succeeded()).isFalse();
    assertThatThrownBy(result::orThrow)
        .isInstanceOf(ToolFailedException.class)
        .hasMessageStartingWith("sh ")
        .hasMessageContaining("failed with exit code 3")
        .hasMessageContaining("| boom");
  }

  /**
   * Handles SIGINT by writing a file and saying so: proof that it was interrupted, not killed.
   * Python, because a shell started in the background may not trap a signal that was ignored when
   * it started. It says "ready" once the handler is in place.
   */
  private static final String CLEANS_UP_ON_INTERRUPT =
      "import signal,sys,time\n"
          + "def stop(*_):\n open('cleaned','w').write('yes'); print('interrupted', flush=True);"
          + " sys.exit(130)\n"
          + "signal.signal(signal.SIGINT, stop)\nprint('ready', flush=True)\ntime.sleep(60)\n";

  @Test
  void interruptsACancelledToolSoItCanCleanUp() throws Exception {
    ProcessResult result =
        cancelWhenReady(
            ProcessSpec.of(
                    "python3",
                    List.of("python3", "-c", CLEANS_UP_ON_INTERRUPT),
                    dir,
                    Duration.ofSeconds(60))
                .withGrace(Duration.ofSeconds(30)));
    assertThat(dir.resolve("cleaned")).exists();
    assertThat(result.exitCode()).isEqualTo(130);
    assertThat(result.stdout()).isEqualTo("ready\ninterrupted\n");
    assertThat(result.duration()).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void interruptsOnTimeoutSoTheToolCanCleanUp() {
    ProcessResult result =
        runner.run(
            ProcessSpec.of(
                    "python3",
                    List.of("python3", "-c", CLEANS_UP_ON_INTERRUPT),
                    dir,
                    Duration.ofSeconds(3))
                .withGrace(Duration.ofSeconds(10)));
    assertThat(result.timedOut()).isTrue();
    assertThat(result.stdout())
        .as("the interrupt came after the handler was in place, and was handled")
        .isEqualTo("ready\ninterrupted\n");
    assertThat(dir.resolve("cleaned")).exists();
    assertThat(result.duration()).isLessThan(Duration.ofSeconds(10));
    assertThatThrownBy(result::orThrow).hasMessageContaining("timed out after 3s");
  }

  @Test
  void killsAToolThatIgnoresTheInterruptAfterTheGracePeriod() throws Exception {
    ProcessResult result =
        cancelWhenReady(
            sh("trap '' INT; echo ready; sleep 60", Duration.ofSeconds(60))
                .withGrace(Duration.ofMillis(500)));
    assertThat(result.exitCode()).as("killed: 128 + SIGKILL").isEqualTo(137);
    assertThat(result.duration()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(20));
  }

  /**
   * Runs the spec on another thread and cancels it (interrupts that thread, as a stopped pipeline
   * does) once the tool printed "ready": the signal never races the tool's start.
   */
  private ProcessResult cancelWhenReady(ProcessSpec spec) throws Exception {
    CountDownLatch ready = new CountDownLatch(1);
    CompletableFuture<ProcessResult> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(
                    runner.run(
                        spec.streamingTo(
                            line -> {
                              if (line.equals("ready")) {
                                ready.countDown();
                              }
                            })));
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            });
    thread.start();
    assertThat(ready.await(30, TimeUnit.SECONDS)).as("the tool said it was ready").isTrue();
    thread.interrupt();
    return result.get(60, TimeUnit.SECONDS);
  }

  @Test
  void aMissingProgramIsAToolNotFoundNamingIt() {
    assertThatThrownBy(
            () ->
                runner.run(
                    ProcessSpec.of(
                        "nosuchtool",
                        List.of("/nonexistent/nosuchtool", "version"),
                        dir,
                        Duration.ofSeconds(5))))
        .isInstanceOf(ToolNotFoundException.class)
        .hasMessageContaining("cannot start nosuchtool (/nonexistent/nosuchtool)")
        .hasMessageContaining("parity doctor");
  }

  @Test
  void specRequiresATimeout() {
    assertThatThrownBy(() -> ProcessSpec.of("sh", List.of("sh"), dir, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("timeout");
  }
}
