package dev.parity.report;

import dev.parity.assertion.AssertionResult;
import dev.parity.assertion.EnvironmentAssertions;
import dev.parity.check.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A self-contained HTML page (no scripts, no CSS, nothing fetched, so it renders the same under the
 * Content Security Policy Jenkins applies to archived HTML, which blocks inline styles): the
 * environment x service matrix in promotion order, each cell coloured by its state through HTML
 * attributes; the findings; per service a timeline of the versions each environment ran (inline
 * SVG); the per-node detail folded below.
 */
public final class Html {
  private static final String TABLE = "<table border=\"1\" cellpadding=\"6\" cellspacing=\"0\"";
  private static final String HEAD = "<th bgcolor=\"#eeeeee\" align=\"left\">";

  private Html() {}

  public static String render(RunReport report) {
    return render(report, Timeline.EMPTY);
  }

  public static String render(RunReport report, Timeline timeline) {
    return render(report, timeline, ExpectedDrifts.NONE);
  }

  /** The page, with the expected drift of each environment listed and marked where it is met. */
  public static String render(RunReport report, Timeline timeline, ExpectedDrifts expected) {
    Instant generated = generatedAt(report);
    Map<String, Map<String, String>> cells = ReportMatrix.cells(report);
    List<String> envs = ReportMatrix.environments(report);
    TreeSet<String> services = new TreeSet<>();
    cells.values().forEach(row -> services.addAll(row.keySet()));
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>parity ")
        .append(esc(report.command()))
        .append("</title></head>\n<body bgcolor=\"#ffffff\" text=\"#222222\">\n");
    sb.append("<h1>parity ")
        .append(esc(report.command()))
        .append("</h1>\n<p><b>")
        .append(
            report.failures() == 0
                ? "All environments in parity."
                : report.failures() + " failure(s).")
        .append("</b> Generated ")
        .append(esc(report.generated()))
        .append(".</p>\n");

    sb.append("<h2>Services</h2>\n")
        .append(TABLE)
        .append(" id=\"matrix\"><tr>")
        .append(HEAD)
        .append("service</th>");
    envs.forEach(e -> sb.append(HEAD).append(esc(e)).append("</th>"));
    sb.append("</tr>\n");
    for (String service : services) {
      sb.append("<tr>").append(HEAD).append(esc(service)).append("</th>");
      for (String env : envs) {
        String text = cells.getOrDefault(env, Map.of()).get(service);
        ReportMatrix.Cell cell = ReportMatrix.cell(report, env, service);
        sb.append("<td bgcolor=\"")
            .append(cell.state().colour)
            .append("\" data-state=\"")
            .append(cell.state().name().toLowerCase(java.util.Locale.ROOT))
            .append("\">")
            .append(esc(text == null ? "-" : text));
        if (!cell.note().isEmpty()) {
          sb.append("<br><small>").append(esc(cell.note())).append("</small>");
        }
        sb.append("</td>");
      }
      sb.append("</tr>\n");
    }
    sb.append("</table>\n<p>");
    for (ReportMatrix.State state : ReportMatrix.State.values()) {
      sb.append(TABLE)
          .append(" align=\"left\"><tr><td bgcolor=\"")
          .append(state.colour)
          .append("\">")
          .append(esc(state.label))
          .append("</td></tr></table>&nbsp;");
    }
    sb.append("</p><br clear=\"all\">\n");

    if (report.parity() != null && !report.parity().findings().isEmpty()) {
      sb.append("<h2>Findings</h2>\n")
          .append(TABLE)
          .append("><tr>")
          .append(HEAD)
          .append("severity</th>")
          .append(HEAD)
          .append("rule</th>")
          .append(HEAD)
          .append("finding</th></tr>\n");
      for (Finding f : report.parity().findings()) {
        sb.append("<tr><td>")
            .append(esc(f.severity().label()))
            .append("</td><td>")
            .append(esc(f.rule()))
            .append("</td><td>")
            .append(esc(f.message()))
            .append("</td></tr>\n");
      }
      sb.append("</table>\n");
    }

    if (!expected.isEmpty()) {
      sb.append("<h2>Expected drift</h2>\n")
          .append(TABLE)
          .append(" id=\"expected-drift\"><tr>")
          .append(HEAD)
          .append("environment</th>")
          .append(HEAD)
          .append("what may differ</th>")
          .append(HEAD)
          .append("reason</th>")
          .append(HEAD)
          .append("owner</th>")
          .append(HEAD)
          .append("expires</th></tr>\n");
      for (ExpectedDrifts.Row row : expected.rows(generated)) {
        sb.append("<tr><td>")
            .append(esc(row.environment()))
            .append("</td><td>")
            .append(esc(row.entry().what()))
            .append("</td><td>")
            .append(esc(row.entry().reason()))
            .append("</td><td>")
            .append(esc(row.entry().owner()))
            .append("</td><td")
            .append(row.expired() ? " bgcolor=\"" + ReportMatrix.State.VIOLATION.colour + "\"" : "")
            .append(">")
            .append(esc(row.entry().expires() + (row.expired() ? " (expired)" : "")))
            .append("</td></tr>\n");
      }
      sb.append("</table>\n");
    }

    sb.append("<h2>Timeline</h2>\n");
    Instant now = Instant.now();
    for (String service : services) {
      sb.append("<h3>").append(esc(service)).append("</h3>\n");
      sb.append(
          timeline.has(service)
              ? "<div id=\"timeline-"
                  + esc(service)
                  + "\">"
                  + timeline.svg(service, envs, now)
                  + "</div>\n"
              : "<p>No live checks of " + esc(service) + " recorded yet.</p>\n");
    }

    sb.append("<h2>Nodes</h2>\n");
    for (EnvironmentAssertions env : report.environments()) {
      sb.append("<details><summary>")
          .append(esc(env.environment()))
          .append(" — ")
          .append(env.failures() == 0 ? "pass" : env.failures() + " failure(s)")
          .append(", ")
          .append(env.millis())
          .append(" ms</summary>\n");
      for (var c : env.connections()) {
        sb.append("<p>")
            .append(esc(c.service()))
            .append(" clients: <code>")
            .append(esc(c.readWrite()))
            .append("</code>")
            .append(c.reads() == null ? "" : "; reads: <code>" + esc(c.reads()) + "</code>")
            .append("</p>\n");
      }
      sb.append(TABLE)
          .append("><tr>")
          .append(HEAD)
          .append("node</th>")
          .append(HEAD)
          .append("service</th>")
          .append(HEAD)
          .append("check</th>")
          .append(HEAD)
          .append("expected</th>")
          .append(HEAD)
          .append("observed</th>")
          .append(HEAD)
          .append("ms</th>")
          .append(HEAD)
          .append("message</th></tr>\n");
      for (AssertionResult r : env.results()) {
        sb.append("<tr><td>")
            .append(esc(r.node()))
            .append("</td><td>")
            .append(esc(r.service()))
            .append("</td><td>")
            .append(esc(r.check()))
            .append("</td><td>")
            .append(esc(r.expected()))
            .append("</td><td bgcolor=\"")
            .append(
                r.passed()
                    ? ReportMatrix.State.IN_PARITY.colour
                    : ReportMatrix.State.VIOLATION.colour)
            .append("\">")
            .append(esc(r.observed()))
            .append("</td><td>")
            .append(r.millis())
            .append("</td><td>")
            .append(esc(r.message()))
            .append(
                expected
                    .covering(env.environment(), r, generated)
                    .map(e -> "<br><i>" + esc(ExpectedDrifts.describe(e, generated)) + "</i>")
                    .orElse(""))
            .append("</td></tr>\n");
      }
      sb.append("</table></details>\n");
    }
    sb.append("</body></html>\n");
    return sb.toString();
  }

  /** When the report was made, for judging expiry; now when its time cannot be read. */
  static Instant generatedAt(RunReport report) {
    try {
      return Instant.parse(report.generated());
    } catch (RuntimeException e) {
      return Instant.now();
    }
  }

  static String esc(String s) {
    return dev.parity.text.Untrusted.visibleLines(s)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
