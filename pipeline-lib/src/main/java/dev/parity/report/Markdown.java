package dev.parity.report;

import dev.parity.assertion.AssertionResult;
import dev.parity.assertion.EnvironmentAssertions;
import dev.parity.check.Finding;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A Markdown summary for a build description or a pull-request comment. */
public final class Markdown {
  private Markdown() {}

  public static String render(RunReport report) {
    return render(report, ExpectedDrifts.NONE);
  }

  /** The summary, with each failed check an expected-drift entry covers marked, and the entries. */
  public static String render(RunReport report, ExpectedDrifts expected) {
    java.time.Instant generated = Html.generatedAt(report);
    StringBuilder sb =
        new StringBuilder("### parity " + escape(report.command()) + ": ")
            .append(report.failures() == 0 ? "in parity" : report.failures() + " failure(s)")
            .append("\n\n");
    Map<String, Map<String, String>> cells = ReportMatrix.cells(report);
    TreeSet<String> services = new TreeSet<>();
    cells.values().forEach(row -> services.addAll(row.keySet()));
    List<String> envs = ReportMatrix.environments(report);
    sb.append("| service | ")
        .append(String.join(" | ", envs.stream().map(Markdown::escape).toList()))
        .append(" |\n");
    sb.append("| --- |").append(" --- |".repeat(envs.size())).append('\n');
    for (String service : services) {
      sb.append("| ").append(escape(service)).append(" |");
      for (String env : envs) {
        ReportMatrix.Cell cell = ReportMatrix.cell(report, env, service);
        sb.append(' ')
            .append(escape(cells.getOrDefault(env, Map.of()).getOrDefault(service, "-")))
            .append(
                cell.state() == ReportMatrix.State.IN_PARITY
                        || cell.state() == ReportMatrix.State.NONE
                    ? ""
                    : " ("
                        + cell.state().label
                        + (cell.note().isEmpty() ? "" : ", " + escape(cell.note()))
                        + ")")
            .append(" |");
      }
      sb.append('\n');
    }
    sb.append('\n');
    for (EnvironmentAssertions env : report.environments()) {
      for (AssertionResult r : env.results()) {
        if (!r.passed()) {
          var entry = expected.covering(env.environment(), r, generated);
          sb.append(entry.isPresent() ? "- :warning: **" : "- :x: **")
              .append(escape(env.environment()))
              .append("** ")
              .append(escape(r.message()))
              .append(
                  entry
                      .map(e -> " (" + escape(ExpectedDrifts.describe(e, generated)) + ")")
                      .orElse(""))
              .append('\n');
        }
      }
    }
    for (EnvironmentAssertions env : report.environments()) {
      for (var c : env.connections()) {
        sb.append("- ")
            .append(escape(env.environment()))
            .append(' ')
            .append(escape(c.service()))
            .append(" clients: `")
            .append(c.readWrite())
            .append('`')
            .append(c.reads() == null ? "" : ", reads: `" + c.reads() + "`")
            .append('\n');
      }
    }
    if (report.parity() != null) {
      for (Finding f : report.parity().findings()) {
        sb.append("- ")
            .append(f.severity().label())
            .append(' ')
            .append(f.rule().matches("[a-z0-9-]+") ? "`" + f.rule() + "`" : escape(f.rule()))
            .append(' ')
            .append(escape(f.message()))
            .append('\n');
      }
    }
    if (!expected.isEmpty()) {
      sb.append(
              "\n#### Expected drift\n\n| environment | what may differ | reason | owner | expires |\n")
          .append("| --- | --- | --- | --- | --- |\n");
      for (ExpectedDrifts.Row row : expected.rows(generated)) {
        sb.append("| ")
            .append(escape(row.environment()))
            .append(" | ")
            .append(escape(row.entry().what()))
            .append(" | ")
            .append(escape(row.entry().reason()))
            .append(" | ")
            .append(escape(row.entry().owner()))
            .append(" | ")
            .append(row.entry().expires())
            .append(row.expired() ? " **expired**" : "")
            .append(" |\n");
      }
    }
    return sb.toString();
  }

  /**
   * Text from a record as Markdown shows it literally, as {@link Html#esc} does for HTML: controls
   * and bidi overrides made visible, the characters that would open HTML ({@code <script>}) as
   * entities, and those that would start emphasis, code, a link or a table cell backslashed.
   */
  static String escape(String text) {
    String visible = dev.parity.text.Untrusted.visible(text.replace("\n", " "));
    StringBuilder sb = new StringBuilder(visible.length() + 8);
    for (int i = 0; i < visible.length(); i++) {
      char c = visible.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '\\', '`', '*', '_', '[', ']', '|', '~' -> sb.append('\\').append(c);
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
