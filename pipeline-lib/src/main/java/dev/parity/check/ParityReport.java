package dev.parity.check;

import java.util.List;
import java.util.SortedMap;

/**
 * What {@code parity check} found: the declared (or observed) versions per environment and service,
 * the node counts, and every finding.
 *
 * @param environments the environments, in order
 * @param matrix environment to service to version
 * @param topology environment to role to node count
 * @param findings errors first, then warnings, then info
 */
public record ParityReport(
    List<String> environments,
    SortedMap<String, SortedMap<String, String>> matrix,
    SortedMap<String, SortedMap<String, Integer>> topology,
    List<Finding> findings) {

  public ParityReport {
    environments = List.copyOf(environments);
    findings = List.copyOf(findings);
  }

  public long count(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }

  public boolean inParity() {
    return count(Severity.ERROR) == 0;
  }
}
