package dev.parity.report;

import dev.parity.check.Finding;
import dev.parity.check.ParityReport;
import dev.parity.check.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The console form of a parity report: the environment x service matrix, node counts, then the
 * findings.
 */
public final class ParityReportText {
  private ParityReportText() {}

  public static String render(ParityReport report) {
    List<String> envs = report.environments();
    TreeSet<String> services = new TreeSet<>();
    report.matrix().values().forEach(row -> services.addAll(row.keySet()));
    TreeSet<String> roles = new TreeSet<>();
    report.topology().values().forEach(row -> roles.addAll(row.keySet()));

    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("service"));
    header.addAll(envs);
    rows.add(header);
    for (String service : services) {
      List<String> row = new ArrayList<>(List.of(service));
      envs.forEach(e -> row.add(report.matrix().get(e).getOrDefault(service, "-")));
      rows.add(row);
    }
    for (String role : roles) {
      List<String> row = new ArrayList<>(List.of("nodes: " + role));
      envs.forEach(e -> row.add(String.valueOf(report.topology().get(e).getOrDefault(role, 0))));
      rows.add(row);
    }
    StringBuilder sb = new StringBuilder(table(rows));
    sb.append('\n');
    for (Finding f : report.findings()) {
      sb.append(String.format("%-7s  %-16s  %s%n", f.severity().label(), f.rule(), f.message()));
    }
    sb.append(report.count(Severity.ERROR))
        .append(" error(s), ")
        .append(report.count(Severity.WARNING))
        .append(" warning(s), ")
        .append(report.count(Severity.INFO))
        .append(" info: ")
        .append(report.inParity() ? "in parity" : "NOT in parity")
        .append('\n');
    return sb.toString();
  }

  /** Left-aligned columns, two spaces apart. */
  static String table(List<List<String>> rows) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] width = new int[columns];
    rows.forEach(
        r -> {
          for (int i = 0; i < r.size(); i++) {
            width[i] = Math.max(width[i], r.get(i).length());
          }
        });
    StringBuilder sb = new StringBuilder();
    for (List<String> r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        line.append(String.format("%-" + width[i] + "s", r.get(i)));
        if (i < r.size() - 1) {
          line.append("  ");
        }
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }
}
