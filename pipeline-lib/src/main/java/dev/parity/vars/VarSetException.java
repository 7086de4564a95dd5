package dev.parity.vars;

import java.util.List;

/** A variable set that cannot be used; its message lists every problem as FILE:LINE:COL. */
public final class VarSetException extends dev.parity.process.ParityException {
  private final transient List<VarProblem> problems;

  public VarSetException(String summary, List<VarProblem> problems) {
    super(summary + format(problems));
    this.problems = List.copyOf(problems);
  }

  public List<VarProblem> problems() {
    return problems;
  }

  private static String format(List<VarProblem> problems) {
    StringBuilder sb = new StringBuilder();
    problems.forEach(p -> sb.append(System.lineSeparator()).append(p.format()));
    return sb.toString();
  }
}
