package dev.parity.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.secret.SecretMasker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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

  @Test
  void interruptsOnTimeoutSoTheToolCanCleanUp() {
    // The program handles SIGINT by writing a file: proof that it was interrupted, not killed.
    // (Python, because a
    // shell started in the background may not trap a signal that was ignored when it started.)
    String program =
        "import signal,sys,time\n"
            + "def stop(*_):\n open('cleaned','w').write('yes'); sys.exit(130)\n"
            + "signal.signal(signal.SIGINT, stop)\nprint('ready', flush=True)\ntime.sleep(30)\n";
    ProcessResult result =
        runner.run(
            ProcessSpec.of("python3", List.of("python3", "-c", program), dir, Duration.ofSeconds(2))
                .withGrace(Duration.ofSeconds(10)));
    assertThat(result.timedOut()).isTrue();
    assertThat(dir.resolve("cleaned")).exists();
    assertThat(result.duration()).isLessThan(Duration.ofSeconds(10));
    assertThatThrownBy(result::orThrow).hasMessageContaining("timed out after 2s");
  }

  @Test
  void killsAProcessThatIgnoresTheInterruptAfterTheGracePeriod() {
    ProcessResult result =
        runner.run(
            sh("trap '' INT; sleep 30", Duration.ofMillis(300)).withGrace(Duration.ofMillis(500)));
    assertThat(result.timedOut()).isTrue();
    assertThat(result.duration()).isLessThan(Duration.ofSeconds(20));
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
