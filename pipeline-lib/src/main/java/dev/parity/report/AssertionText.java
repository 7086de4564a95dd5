package dev.parity.report;

import dev.parity.assertion.AssertionResult;
import dev.parity.assertion.EnvironmentAssertions;

/**
 * The console form of assertions: one line per failure, a summary per environment. Colour only on a
 * terminal.
 */
public final class AssertionText {
  private AssertionText() {}

  public static String render(RunReport report, boolean colour) {
    StringBuilder sb = new StringBuilder();
    for (EnvironmentAssertions env : report.environments()) {
      for (AssertionResult r : env.results()) {
        if (!r.passed() || r.isUnmanageable()) {
          sb.append(r.passed() ? paint(colour, "33", "WARN") : paint(colour, "31", "FAIL"))
              .append("  ")
              .append(dev.parity.text.Untrusted.visible(env.environment()))
              .append("  ")
              .append(dev.parity.text.Untrusted.visibleLines(r.message()))
              .append('\n');
        }
      }
      sb.append(env.passed() ? paint(colour, "32", "PASS") : paint(colour, "31", "FAIL"))
          .append("  ")
          .append(dev.parity.text.Untrusted.visible(env.environment()))
          .append(": ")
          .append(env.results().size() - env.failures())
          .append(" of ")
          .append(env.results().size())
          .append(" assertions passed in ")
          .append(env.millis())
          .append(" ms\n");
    }
    return sb.toString();
  }

  private static String paint(boolean colour, String code, String text) {
    return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
  }
}
