package dev.parity.cli;

/**
 * An error the user can fix from its message alone (bad input, a missing tool); printed without a
 * stack trace.
 */
public class UserException extends dev.parity.error.ParityException {
  public UserException(String message) {
    super(message);
  }
}
