package dev.parity.report;

import dev.parity.assertion.EnvironmentAssertions;
import dev.parity.check.ParityReport;
import java.util.List;

/**
 * What the reports show: the live assertions of one or more environments and, for {@code status},
 * the live parity matrix judged by the rules of {@code check}.
 *
 * @param command the command that produced it ("assert", "status")
 * @param generated when (ISO-8601)
 * @param environments each environment's assertions
 * @param parity the parity report on observed values, or null
 */
public record RunReport(
    String command,
    String generated,
    List<EnvironmentAssertions> environments,
    ParityReport parity) {

  public RunReport {
    environments = List.copyOf(environments);
  }

  public long failures() {
    return environments.stream().mapToLong(EnvironmentAssertions::failures).sum()
        + (parity == null ? 0 : parity.count(dev.parity.check.Severity.ERROR));
  }
}
