package dev.parity.process;

import java.time.Duration;
import java.util.List;

/**
 * What a finished (or stopped) command left: its exit code, its captured output (masked), and how
 * long it ran.
 *
 * @param spec the command that ran
 * @param exitCode the exit code; for a stopped process whatever the OS reported
 * @param stdout standard output, masked; bounded (the head is dropped past {@link
 *     OutputCapture#MAX_CHARS})
 * @param stderr standard error, masked and bounded the same way
 * @param duration wall time
 * @param timedOut true when the timeout stopped it
 */
public record ProcessResult(
    ProcessSpec spec,
    int exitCode,
    String stdout,
    String stderr,
    Duration duration,
    boolean timedOut) {

  public boolean succeeded() {
    return exitCode == 0 && !timedOut;
  }

  /**
   * Throws a {@link ToolFailedException} naming the tool, subcommand, exit code and stderr tail
   * unless it succeeded.
   */
  public ProcessResult orThrow() {
    if (!succeeded()) {
      throw new ToolFailedException(this);
    }
    return this;
  }

  /**
   * The {@link ToolFailedException} that describes this result (for callers that add their own
   * cases first).
   */
  public ToolFailedException failure() {
    return new ToolFailedException(this);
  }

  /**
   * The last {@code n} non-blank lines of stderr (or stdout when stderr is empty), for error
   * messages.
   */
  public List<String> tail(int n) {
    String text = stderr.isBlank() ? stdout : stderr;
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    return lines.subList(Math.max(0, lines.size() - n), lines.size());
  }
}
