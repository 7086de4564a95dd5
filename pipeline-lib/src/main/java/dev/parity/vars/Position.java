package dev.parity.vars;

import java.nio.file.Path;

/**
 * A place in a variable-set file, 1-based, printed as {@code FILE:LINE:COL} the way compilers do.
 */
public record Position(Path file, int line, int column) {

  public static Position startOf(Path file) {
    return new Position(file, 1, 1);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
