package dev.parity.support;

import dev.parity.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs parity the ways a user does: in memory through {@link Main#run}, or as a real process of the
 * built jar.
 */
public final class ParityCli {
  public static final Path JAR = Path.of("target", "parity.jar").toAbsolutePath();

  private ParityCli() {}

  public record Run(int exit, String out, String err) {
    public String all() {
      return out + err;
    }

    /**
     * A plan whose Terraform part is empty: the state matches the variable set (its change set may
     * still hold configuration, e.g. nodes applied but not yet configured: exit 2).
     */
    public boolean infrastructureInSync() {
      return (exit == 0 || exit == 2) && out.contains("  infrastructure: no changes\n");
    }
  }

  /**
   * The last change-set sha256 a command printed ("sha256: …"): the one that names all it showed (a
   * rollout's, after its environments'), what --approved takes.
   */
  public static String lastSha256(String output) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("sha256: ([0-9a-f]{64})").matcher(output);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    if (last == null) {
      throw new AssertionError("no change set sha256 in: " + output);
    }
    return last;
  }

  public static Run inMemory(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), env, args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** A running parity process; its output goes to a file so it never blocks. */
  public static final class Running implements AutoCloseable {
    private final Process process;
    private final Path output;

    Running(Process process, Path output) {
      this.process = process;
      this.output = output;
    }

    public Process process() {
      return process;
    }

    /** Waits until it prints the text; fails when it ends first or after a minute. */
    public void awaitOutput(String text) {
      awaitWhileAlive("printing " + text, () -> outputSoFar().contains(text) ? true : null);
    }

    /**
     * Waits until one of its descendant processes has a command line containing every part; fails
     * when it ends first or after a minute.
     */
    public ProcessHandle awaitDescendant(String... parts) {
      return awaitWhileAlive(
          "running " + String.join(" ", parts),
          () ->
              process
                  .descendants()
                  .filter(
                      p -> {
                        String line = p.info().commandLine().orElse("");
                        return java.util.Arrays.stream(parts).allMatch(line::contains);
                      })
                  .findFirst()
                  .orElse(null));
    }

    /** Polls {@code found} until it gives a value; the process ending first fails at once. */
    private <T> T awaitWhileAlive(String what, java.util.concurrent.Callable<T> found) {
      try {
        return org.awaitility.Awaitility.await(what)
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(50))
            .until(
                () -> {
                  T value = found.call();
                  if (value == null && !process.isAlive()) {
                    throw new AssertionError("ended before " + what + ": " + outputSoFar());
                  }
                  return value;
                },
                java.util.Objects::nonNull);
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError("never " + what + " within a minute: " + outputSoFarOrWhy(), e);
      }
    }

    private String outputSoFarOrWhy() {
      try {
        return outputSoFar();
      } catch (IOException e) {
        return "(its output is unreadable: " + e.getMessage() + ")";
      }
    }

    /** What it printed so far. */
    public String outputSoFar() throws IOException {
      return Files.readString(output);
    }

    public Run await(Duration timeout) throws Exception {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError(
            "parity did not finish within " + timeout + ":\n" + Files.readString(output));
      }
      String text = Files.readString(output);
      Files.deleteIfExists(output);
      return new Run(process.exitValue(), text, "");
    }

    @Override
    public void close() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  /** Starts {@code java -jar target/parity.jar args} with the given environment. */
  public static Running start(Map<String, String> env, String... args) throws IOException {
    if (!Files.isRegularFile(JAR)) {
      throw new AssertionError(JAR + " is missing: integration tests run after `mvn package`");
    }
    List<String> argv =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    argv.addAll(List.of(args));
    Path output = Files.createTempFile("parity-run-", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(output.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    return new Running(pb.start(), output);
  }
}
