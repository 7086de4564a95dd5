package dev.parity.error;

/**
 * An error whose message says all a user needs (what failed, where, what to do): the CLI prints the
 * message alone, with the stack trace only under {@code --debug}. Anything else is a bug and is
 * reported as one.
 */
public class ParityException extends RuntimeException {
  public ParityException(String message) {
    super(message);
  }

  public ParityException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The exit code the CLI ends with: 1 (error) unless a subclass knows better (a pipeline stage's
   * own code).
   */
  public int exitCode() {
    return 1;
  }
}
