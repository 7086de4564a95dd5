package dev.parity.assertion;

import dev.parity.check.Finding;
import dev.parity.check.ParityReport;
import dev.parity.check.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One verdict from everything a live check found: the parity of the observed versions and every
 * live assertion. A role whose nodes run different versions shows them all in its cell ({@code 16.2
 * / 16.4 mixed}) and is a violation; an unreachable node makes its environment's verdict
 * "unreachable"; any other failed assertion is an error too. So "in parity" never stands beside a
 * FAIL line.
 */
public final class LiveVerdict {
  private LiveVerdict() {}

  public static ParityReport of(ParityReport observed, List<EnvironmentAssertions> live) {
    SortedMap<String, SortedMap<String, String>> matrix = new TreeMap<>();
    observed.matrix().forEach((env, row) -> matrix.put(env, new TreeMap<>(row)));
    List<Finding> findings = new ArrayList<>();
    for (EnvironmentAssertions env : live) {
      Map<String, TreeSet<String>> versions = new LinkedHashMap<>();
      List<String> unreachable = new ArrayList<>();
      List<String> unmanageable = new ArrayList<>();
      int otherFailures = 0;
      for (AssertionResult r : env.results()) {
        if (r.isUnmanageable()) {
          unmanageable.add(r.node());
          continue;
        }
        if (!r.check().equals("version")) {
          otherFailures += r.passed() ? 0 : 1;
          continue;
        }
        if (AssertionResult.UNREACHABLE.equals(r.observed())) {
          unreachable.add(r.node() + " " + r.service());
          continue;
        }
        versions
            .computeIfAbsent(r.service(), s -> new TreeSet<>(LiveVerdict::compare))
            .add(r.observed());
        otherFailures += r.passed() ? 0 : 1;
      }
      String name = env.environment();
      versions.forEach(
          (service, seen) -> {
            if (seen.size() > 1) {
              String cell = String.join(" / ", seen) + " mixed";
              matrix.computeIfAbsent(name, e -> new TreeMap<>()).put(service, cell);
              findings.add(
                  new Finding(
                      Severity.ERROR,
                      "mixed-versions",
                      "services." + service + ".version",
                      new TreeMap<>(Map.of(name, cell)),
                      name
                          + ": the nodes of "
                          + service
                          + " run different versions ("
                          + String.join(", ", seen)
                          + "); a role runs one version",
                      null));
            }
          });
      if (!unreachable.isEmpty()) {
        findings.add(
            new Finding(
                Severity.ERROR,
                "unreachable",
                "nodes",
                new TreeMap<>(Map.of(name, "unreachable")),
                name
                    + " is unreachable, not in parity: "
                    + unreachable.size()
                    + " service(s) did not answer ("
                    + String.join(", ", unreachable)
                    + ")",
                null));
      }
      if (!unmanageable.isEmpty()) {
        findings.add(
            new Finding(
                Severity.WARNING,
                "unmanageable",
                "nodes",
                new TreeMap<>(Map.of(name, "unmanageable")),
                name
                    + ": "
                    + String.join(", ", unmanageable)
                    + " serve(s) but cannot be reached over SSH: no configure, reconcile or rollout"
                    + " can change them until SSH answers",
                null));
      }
      if (otherFailures > 0) {
        findings.add(
            new Finding(
                Severity.ERROR,
                "live-assertion",
                "nodes",
                new TreeMap<>(Map.of(name, otherFailures + " failed")),
                name + ": " + otherFailures + " live assertion(s) failed (the FAIL lines)",
                null));
      }
    }
    List<Finding> all = new ArrayList<>(findings);
    all.addAll(observed.findings());
    // Errors first, as the checker orders them.
    all.sort(java.util.Comparator.comparing(f -> f.severity().ordinal()));
    return new ParityReport(observed.environments(), matrix, observed.topology(), all);
  }

  private static int compare(String a, String b) {
    try {
      return dev.parity.check.Version.parse(a).compareTo(dev.parity.check.Version.parse(b));
    } catch (RuntimeException e) {
      return a.compareTo(b);
    }
  }
}
