package dev.parity.assertion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.check.ParityReport;
import dev.parity.report.ParityReportText;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LiveVerdictTest {
  private static AssertionResult version(
      String env, String node, String observed, String expected) {
    boolean passed = observed.equals(expected);
    return new AssertionResult(
        env,
        node,
        "postgresql",
        "version",
        passed,
        expected,
        observed,
        passed ? "" : node + " postgresql runs " + observed + ", declared " + expected,
        3);
  }

  /** What the checker said of the observed versions: in parity, its matrix the lowest version. */
  private static ParityReport observedInParity(String env, String version) {
    SortedMap<String, SortedMap<String, String>> matrix = new TreeMap<>();
    matrix.put(env, new TreeMap<>(Map.of("postgresql", version)));
    SortedMap<String, SortedMap<String, Integer>> topology = new TreeMap<>();
    topology.put(env, new TreeMap<>(Map.of("db", 2)));
    return new ParityReport(List.of(env), matrix, topology, List.of());
  }

  @Test
  void aRoleWhoseNodesRunTwoVersionsShowsBothAndIsNotInParity() {
    var live =
        new EnvironmentAssertions(
            "prod",
            "now",
            5,
            List.of(
                version("prod", "prod-db-0", "16.2", "16.4"),
                version("prod", "prod-db-1", "16.4", "16.4")));
    ParityReport verdict = LiveVerdict.of(observedInParity("prod", "16.2"), List.of(live));
    assertThat(verdict.matrix().get("prod").get("postgresql")).isEqualTo("16.2 / 16.4 mixed");
    assertThat(verdict.inParity()).isFalse();
    assertThat(ParityReportText.render(verdict))
        .contains("16.2 / 16.4 mixed")
        .contains("mixed-versions")
        .contains("NOT in parity")
        .doesNotContain(": in parity");
  }

  @Test
  void anUnreachableNodeMakesItsEnvironmentUnreachableNeverInParity() {
    var live =
        new EnvironmentAssertions(
            "dev",
            "now",
            5,
            List.of(
                version("dev", "dev-db-0", AssertionResult.UNREACHABLE, "16.2"),
                version("dev", "dev-db-1", "16.2", "16.2")));
    ParityReport verdict = LiveVerdict.of(observedInParity("dev", "16.2"), List.of(live));
    assertThat(verdict.inParity()).isFalse();
    assertThat(ParityReportText.render(verdict))
        .contains(
            "dev is unreachable, not in parity: 1 service(s) did not answer (dev-db-0 postgresql)")
        .contains("NOT in parity");
  }

  @Test
  void everyAssertionPassedLeavesTheCheckersVerdict() {
    var live =
        new EnvironmentAssertions(
            "dev",
            "now",
            5,
            List.of(
                version("dev", "dev-db-0", "16.2", "16.2"),
                version("dev", "dev-db-1", "16.2", "16.2")));
    ParityReport observed = observedInParity("dev", "16.2");
    assertThat(LiveVerdict.of(observed, List.of(live))).isEqualTo(observed);
  }

  @Test
  void aNodeThatServesButWhoseSshDoesNotAnswerIsAWarningNamedUnmanageable() {
    var live =
        new EnvironmentAssertions(
            "prod",
            "now",
            5,
            List.of(
                version("prod", "prod-db-0", "16.4", "16.4"),
                AssertionResult.unmanageable(
                    "prod", "prod-db-0", "10.0.0.5:22", "connection refused", 2)));
    ParityReport verdict = LiveVerdict.of(observedInParity("prod", "16.4"), List.of(live));
    assertThat(verdict.count(dev.parity.check.Severity.ERROR)).isZero();
    assertThat(verdict.findings())
        .anySatisfy(
            f -> {
              assertThat(f.severity()).isEqualTo(dev.parity.check.Severity.WARNING);
              assertThat(f.message()).contains("prod-db-0").contains("cannot be reached over SSH");
            });
    String text =
        dev.parity.report.AssertionText.render(
            new dev.parity.report.RunReport("status", "now", List.of(live), verdict), false);
    assertThat(text).contains("WARN  prod  prod-db-0 is unmanageable").doesNotContain("FAIL");
    assertThat(text).doesNotContain("Broken pipe");
  }
}
