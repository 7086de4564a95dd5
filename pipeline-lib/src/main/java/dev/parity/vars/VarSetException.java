package dev.parity.vars;

import java.util.List;

/** A variable set that cannot be used; its message lists every problem as FILE:LINE:COL. */
public final class VarSetException extends dev.parity.error.ParityException {
  private final transient List<VarProblem> problems;

  public VarSetException(String summary, List<VarProblem> problems) {
    super(summary + format(problems));
    this.problems = List.copyOf(problems);
  }

  public List<VarProblem> problems() {
    return problems;
  }

  /** At most this many problems are printed per file; a count stands for the rest. */
  public static final int PER_FILE = 50;

  private static String format(List<VarProblem> problems) {
    StringBuilder sb = new StringBuilder();
    java.util.Map<java.nio.file.Path, Integer> shown = new java.util.LinkedHashMap<>();
    java.util.Map<java.nio.file.Path, Integer> more = new java.util.LinkedHashMap<>();
    for (VarProblem p : problems) {
      java.nio.file.Path file = p.position().file();
      if (shown.merge(file, 1, Integer::sum) <= PER_FILE) {
        sb.append(System.lineSeparator()).append(p.format());
      } else {
        more.merge(file, 1, Integer::sum);
      }
    }
    // One small file can hold hundreds of thousands of mistakes; the first ones say enough.
    more.forEach(
        (file, n) ->
            sb.append(System.lineSeparator())
                .append(dev.parity.text.Untrusted.visible(file.toString()))
                .append(": ")
                .append(n)
                .append(" more problem(s) not shown"));
    return sb.toString();
  }
}
