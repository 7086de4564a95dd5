package dev.parity.cli;

/** The exit codes of every command, as {@code terraform plan -detailed-exitcode} uses them. */
public final class ExitCode {
  /** Done, and everything is in parity. */
  public static final int OK = 0;

  /** An error: bad input, a tool failed, something is missing. */
  public static final int ERROR = 1;

  /** Differences found: violations, pending changes, drift, failed assertions. */
  public static final int DIFFERENCES = 2;

  private ExitCode() {}
}
