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

  /** What a matrix cell says of one service in one environment. */
  enum State {
    IN_PARITY("in parity", "#c8e6c9"),
    TRAILING("trailing within the window", "#ffe082"),
    VIOLATION("violation", "#ef9a9a"),
    UNREACHABLE("unreachable", "#bdbdbd"),
    NONE("not deployed", "#f5f5f5");

    final String label;

    /** A fill given as an HTML attribute (bgcolor), not CSS: Jenkins' CSP blocks inline styles. */
    final String colour;

    State(String label, String colour) {
      this.label = label;
      this.colour = colour;
    }
  }

  /** A cell's state and what it adds to the version ("8 days left"). */
  record Cell(State state, String note) {}

  static Cell cell(RunReport report, String env, String service) {
    List<AssertionResult> results =
        report.environments().stream()
            .filter(e -> e.environment().equals(env))
            .flatMap(e -> e.results().stream())
            .filter(r -> r.service().equals(service) && r.check().equals("version"))
            .toList();
    if (results.isEmpty()) {
      return new Cell(State.NONE, "");
    }
    if (results.stream().anyMatch(r -> r.observed().equals(AssertionResult.UNREACHABLE))) {
      return new Cell(State.UNREACHABLE, "");
    }
    if (results.stream().anyMatch(r -> !r.passed())) {
      return new Cell(State.VIOLATION, "");
    }
    if (report.parity() == null) {
      return new Cell(State.IN_PARITY, "");
    }
    String path = "services." + service + ".version";
    for (dev.parity.check.Finding f : report.parity().findings()) {
      if (!(f.path().equals(path) || f.path().equals("services." + service)) || !trails(f, env)) {
        continue;
      }
      if (f.severity() == dev.parity.check.Severity.ERROR) {
        return new Cell(State.VIOLATION, f.clock() == null ? "" : "window closed");
      }
      if (f.rule().equals("patch-lag")) {
        return new Cell(
            State.TRAILING,
            f.clock() == null
                ? "window not started"
                : f.clock().daysLeft() + " of " + f.clock().windowDays() + " days left");
      }
    }
    return new Cell(State.IN_PARITY, "");
  }

  /**
   * Whether the environment is the one a finding is about: for a version finding, one whose value
   * is not the highest of the finding's values (the leaders are named too, but do not trail).
   */
  private static boolean trails(dev.parity.check.Finding f, String env) {
    String value = f.environments().get(env);
    if (value == null) {
      return false;
    }
    String highest =
        f.environments().values().stream()
            .max(dev.parity.check.Version::compareLeniently)
            .orElse(value);
    return !f.rule().startsWith("patch") || !value.equals(highest);
  }
}
