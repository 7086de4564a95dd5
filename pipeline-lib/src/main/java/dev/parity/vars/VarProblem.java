package dev.parity.vars;

/**
 * One thing wrong with a variable set, at the node that is wrong.
 *
 * @param position where: file, line and column
 * @param key the dotted key path ("services.postgresql.version"), or empty for the file as a whole
 * @param message what is wrong and how to fix it; never a secret value
 */
public record VarProblem(Position position, String key, String message) {

  /** {@code FILE:LINE:COL: key: message} */
  public String format() {
    return dev.parity.text.Untrusted.visibleLines(
        position + ": " + (key.isEmpty() ? "" : key + ": ") + message);
  }
}
