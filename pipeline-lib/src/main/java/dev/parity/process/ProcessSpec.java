package dev.parity.process;

import dev.parity.text.SecretMasker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One external command: an argument list (never a shell line), its environment and working
 * directory, and a mandatory timeout. Secret values reach a tool only through {@code environment},
 * never {@code argv}.
 *
 * @param tool a short name for errors and logs ("tofu", "ansible-playbook")
 * @param argv the program and its arguments
 * @param environment variables added to the inherited environment
 * @param workDir the working directory
 * @param timeout how long the command may run before it is interrupted
 * @param grace how long it may take to stop after the interrupt before it is killed
 * @param masker secret values to mask in every line streamed or captured
 * @param lineSink receives every output line (already masked), prefixed by nothing; may be a no-op
 * @param stdoutFile when set, standard output goes to this file (created 0600) instead of lines and
 *     capture: for large machine-readable output such as {@code show -json}
 */
public record ProcessSpec(
    String tool,
    List<String> argv,
    Map<String, String> environment,
    Path workDir,
    Duration timeout,
    Duration grace,
    SecretMasker masker,
    Consumer<String> lineSink,
    Path stdoutFile) {

  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

  public ProcessSpec {
    Objects.requireNonNull(tool, "tool");
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv must name a program");
    }
    environment = Map.copyOf(environment);
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(timeout, "timeout: every process needs one");
    Objects.requireNonNull(grace, "grace");
    masker = masker == null ? SecretMasker.none() : masker;
    lineSink = lineSink == null ? line -> {} : lineSink;
  }

  /** A spec with no extra environment, the default grace, no secrets and no streaming. */
  public static ProcessSpec of(String tool, List<String> argv, Path workDir, Duration timeout) {
    return new ProcessSpec(tool, argv, Map.of(), workDir, timeout, DEFAULT_GRACE, null, null, null);
  }

  public ProcessSpec withEnvironment(Map<String, String> env) {
    return new ProcessSpec(tool, argv, env, workDir, timeout, grace, masker, lineSink, stdoutFile);
  }

  public ProcessSpec withGrace(Duration newGrace) {
    return new ProcessSpec(
        tool, argv, environment, workDir, timeout, newGrace, masker, lineSink, stdoutFile);
  }

  public ProcessSpec withMasker(SecretMasker newMasker) {
    return new ProcessSpec(
        tool, argv, environment, workDir, timeout, grace, newMasker, lineSink, stdoutFile);
  }

  public ProcessSpec streamingTo(Consumer<String> sink) {
    return new ProcessSpec(
        tool, argv, environment, workDir, timeout, grace, masker, sink, stdoutFile);
  }

  public ProcessSpec withStdoutTo(Path file) {
    return new ProcessSpec(
        tool, argv, environment, workDir, timeout, grace, masker, lineSink, file);
  }

  /**
   * The first argument after the program that is not an option, for messages ("tofu plan"), or
   * empty.
   */
  public String subcommand() {
    return argv.stream().skip(1).filter(a -> !a.startsWith("-")).findFirst().orElse("");
  }
}
