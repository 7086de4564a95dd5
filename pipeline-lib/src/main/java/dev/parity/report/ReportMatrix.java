package dev.parity.report;

import dev.parity.assertion.AssertionResult;
import dev.parity.assertion.EnvironmentAssertions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The environment x service cells every report shows: observed versions, marked where an assertion
 * failed.
 */
final class ReportMatrix {
  private ReportMatrix() {}

  static List<String> environments(RunReport report) {
    if (report.parity() != null) {
      return report.parity().environments();
    }
    List<String> envs = new ArrayList<>();
    report.environments().forEach(e -> envs.add(e.environment()));
    return envs;
  }

  /** environment to service to cell text ("16.4", "16.2 ✗ (16.4 declared)", "unreachable ✗"). */
  static Map<String, Map<String, String>> cells(RunReport report) {
    Map<String, Map<String, String>> cells = new LinkedHashMap<>();
    for (EnvironmentAssertions env : report.environments()) {
      Map<String, TreeSet<String>> seen = new TreeMap<>();
      Map<String, Boolean> ok = new TreeMap<>();
      Map<String, String> expected = new TreeMap<>();
      for (AssertionResult r : env.results()) {
        if (!r.check().equals("version")) {
          continue;
        }
        seen.computeIfAbsent(r.service(), s -> new TreeSet<>()).add(r.observed());
        ok.merge(r.service(), r.passed(), Boolean::logicalAnd);
        expected.put(r.service(), r.expected());
      }
      Map<String, String> row = new TreeMap<>();
      seen.forEach(
          (service, versions) ->
              row.put(
                  service,
                  String.join(", ", versions)
                      + (ok.get(service) ? "" : " ✗ (" + expected.get(service) + " declared)")));
      cells.put(env.environment(), row);
    }
    return cells;
  }

  static boolean passed(RunReport report, String env, String service) {
    return report.environments().stream()
        .filter(e -> e.environment().equals(env))
        .flatMap(e -> e.results().stream())
        .filter(r -> r.service().equals(service))
        .allMatch(AssertionResult::passed);
  }
}
