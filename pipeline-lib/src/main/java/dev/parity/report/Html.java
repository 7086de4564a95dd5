package dev.parity.report;

import dev.parity.assertion.AssertionResult;
import dev.parity.assertion.EnvironmentAssertions;
import dev.parity.check.Finding;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A self-contained HTML page (inline CSS, no scripts, nothing fetched): the environment x service
 * matrix coloured by status, node details, findings and timings.
 */
public final class Html {
  private Html() {}

  public static String render(RunReport report) {
    Map<String, Map<String, String>> cells = ReportMatrix.cells(report);
    List<String> envs = ReportMatrix.environments(report);
    TreeSet<String> services = new TreeSet<>();
    cells.values().forEach(row -> services.addAll(row.keySet()));
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>parity ")
        .append(esc(report.command()))
        .append("</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}\n")
        .append("table{border-collapse:collapse;margin:1em 0}\n")
        .append("th,td{border:1px solid #bbb;padding:.4em .8em;text-align:left}\n")
        .append(
            "th{background:#eee}\n td.pass{background:#d8f5d0}\n td.fail{background:#f8d0d0;font-weight:bold}\n")
        .append("td.none{background:#f4f4f4;color:#888}\n .summary{font-size:1.2em}\n")
        .append("</style></head><body>\n");
    sb.append("<h1>parity ")
        .append(esc(report.command()))
        .append("</h1>\n<p class=\"summary\">")
        .append(
            report.failures() == 0
                ? "All environments in parity."
                : report.failures() + " failure(s).")
        .append(" Generated ")
        .append(esc(report.generated()))
        .append(".</p>\n");

    sb.append("<h2>Services</h2>\n<table id=\"matrix\"><tr><th>service</th>");
    envs.forEach(e -> sb.append("<th>").append(esc(e)).append("</th>"));
    sb.append("</tr>\n");
    for (String service : services) {
      sb.append("<tr><th>").append(esc(service)).append("</th>");
      for (String env : envs) {
        String cell = cells.getOrDefault(env, Map.of()).get(service);
        String css =
            cell == null ? "none" : ReportMatrix.passed(report, env, service) ? "pass" : "fail";
        sb.append("<td class=\"")
            .append(css)
            .append("\">")
            .append(esc(cell == null ? "-" : cell))
            .append("</td>");
      }
      sb.append("</tr>\n");
    }
    sb.append("</table>\n");

    if (report.parity() != null && !report.parity().findings().isEmpty()) {
      sb.append(
          "<h2>Findings</h2>\n<table><tr><th>severity</th><th>rule</th><th>finding</th></tr>\n");
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

    sb.append("<h2>Nodes</h2>\n");
    for (EnvironmentAssertions env : report.environments()) {
      sb.append("<h3>")
          .append(esc(env.environment()))
          .append(" — ")
          .append(env.failures() == 0 ? "pass" : env.failures() + " failure(s)")
          .append(", ")
          .append(env.millis())
          .append(" ms</h3>\n")
          .append(
              "<table><tr><th>node</th><th>service</th><th>check</th><th>expected</th><th>observed</th>")
          .append("<th>ms</th><th>message</th></tr>\n");
      for (AssertionResult r : env.results()) {
        sb.append("<tr><td>")
            .append(esc(r.node()))
            .append("</td><td>")
            .append(esc(r.service()))
            .append("</td><td>")
            .append(esc(r.check()))
            .append("</td><td>")
            .append(esc(r.expected()))
            .append("</td><td class=\"")
            .append(r.passed() ? "pass" : "fail")
            .append("\">")
            .append(esc(r.observed()))
            .append("</td><td>")
            .append(r.millis())
            .append("</td><td>")
            .append(esc(r.message()))
            .append("</td></tr>\n");
      }
      sb.append("</table>\n");
    }
    sb.append("</body></html>\n");
    return sb.toString();
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
