package dev.parity.vars;

/**
 * One thing wrong with a variable set, at the node that is wrong.
 *
 * @param position where: file, line and column
 * @param key the dotted key path ("services.postgresql.version"), or empty for the file as a whole
 * @param message what is wrong and how to fix it; never a secret value
 */
public record VarProblem(Position position, String key, String message) {

  /** A list item that should name an environment and names none that has a file. */
  static VarProblem noSuchEnvironment(
      Position at, String key, String name, java.util.Collection<String> environments) {
    return new VarProblem(
        at,
        key,
        "names no environment: '"
            + name
            + "' (environments: "
            + String.join(", ", environments)
            + ")");
  }

  /** {@code FILE:LINE:COL: key: message} */
  public String format() {
    return dev.parity.text.Untrusted.visibleLines(
        position + ": " + (key.isEmpty() ? "" : key + ": ") + message);
  }
}
