package dev.parity.process;

import dev.parity.error.ParityException;

/**
 * A tool exited non-zero or timed out; the message says which tool, which subcommand, how, and why.
 */
public final class ToolFailedException extends ParityException {
  private final transient ProcessResult result;

  public ToolFailedException(ProcessResult result) {
    super(describe(result));
    this.result = result;
  }

  public ProcessResult result() {
    return result;
  }

  private static String describe(ProcessResult r) {
    String what = (r.spec().tool() + " " + r.spec().subcommand()).strip();
    String how =
        r.timedOut()
            ? "timed out after " + r.spec().timeout().toSeconds() + "s and was stopped"
            : r.exitCode() > 128 && r.exitCode() < 160
                ? "was killed (signal " + (r.exitCode() - 128) + ", exit code " + r.exitCode() + ")"
                : "failed with exit code " + r.exitCode();
    StringBuilder sb = new StringBuilder(what).append(' ').append(how);
    var tail = r.tail(8);
    if (!tail.isEmpty()) {
      sb.append(":");
      tail.forEach(line -> sb.append(System.lineSeparator()).append("  | ").append(line));
    }
    return sb.toString();
  }
}
