package dev.parity.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.vars.ExpectedDrift;
import dev.parity.vars.Position;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The reports list each environment's expected drift with its owner and expiry beside the real
 * findings, mark the failed check an entry covers, and the timeline marks such drift apart.
 */
class ExpectedDriftReportsTest {
  private static ExpectedDrift version(String from, String to, LocalDate expires) {
    return new ExpectedDrift(
        ExpectedDrift.Kind.VERSION,
        "postgresql",
        null,
        from,
        to,
        "the managed service patches ahead",
        "dba-team",
        expires,
        new Position(Path.of("vars/dev.yml"), 9, 7));
  }

  private static ExpectedDrifts dev(ExpectedDrift... entries) {
    TreeMap<String, List<ExpectedDrift>> m = new TreeMap<>();
    m.put("dev", List.of(entries));
    return new ExpectedDrifts(m);
  }

  @Test
  void theCoveredCheckIsMarkedExpectedAndTheOtherFailuresStayFailures() {
    // sample(): dev-db-0 runs postgresql 16.2, 16.4 declared; dev-cache-0 memcached unreachable
    ExpectedDrifts expected = dev(version("16.1", "16.3", LocalDate.of(2027, 3, 1)));
    String md = Markdown.render(ReportsTest.sample(), expected);
    assertThat(md)
        .contains(
            "- :warning: **dev** dev-db-0 postgresql runs 16.2 but 16.4 is declared (expected"
                + " drift: the managed service patches ahead (owner dba-team, expires 2027-03-01")
        .contains("- :x: **dev** dev-cache-0 memcached is unreachable")
        .contains("#### Expected drift")
        .contains(
            "| dev | version postgresql 16.1..16.3 | the managed service patches ahead | dba-team |"
                + " 2027-03-01 |");
    String html = Html.render(ReportsTest.sample(), Timeline.EMPTY, expected);
    assertThat(html)
        .contains("<h2>Expected drift</h2>")
        .contains("<i>expected drift: the managed service patches ahead (owner dba-team");
  }

  @Test
  void anEntryOutsideItsRangeOrPastItsExpiryCoversNothingAndIsShownExpired() {
    String outside =
        Markdown.render(ReportsTest.sample(), dev(version("16.3", null, LocalDate.of(2027, 3, 1))));
    assertThat(outside).contains("- :x: **dev** dev-db-0 postgresql runs 16.2");
    String expired =
        Markdown.render(
            ReportsTest.sample(), dev(version("16.1", "16.3", LocalDate.of(2026, 11, 26))));
    assertThat(expired)
        .as("generated 2026-11-26: expired that day")
        .contains("- :x: **dev** dev-db-0 postgresql runs 16.2")
        .contains("| 2026-11-26 **expired** |");
    assertThat(
            Html.render(
                ReportsTest.sample(),
                Timeline.EMPTY,
                dev(version("16.1", "16.3", LocalDate.of(2026, 11, 26)))))
        .contains("2026-11-26 (expired)");
  }

  @Test
  void theTimelineMarksDriftAnEntryCoveredAtTheTimeApartFromDrift() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<ObjectNode> records = new java.util.ArrayList<>();
    for (String at : List.of("2026-11-20T02:00:00Z", "2026-11-25T02:00:00Z")) {
      ObjectNode record = json.createObjectNode();
      record.put("started", at);
      ObjectNode results = record.putObject("results");
      ObjectNode env = results.putArray("environments").addObject();
      env.put("environment", "dev");
      ObjectNode r = env.putArray("results").addObject();
      r.put("check", "version")
          .put("service", "postgresql")
          .put("observed", "16.2")
          .put("passed", false);
      records.add(record);
    }
    // in force on the 20th, expired by the 25th
    Timeline t =
        Timeline.fromRecords(
            List.copyOf(records), dev(version("16.1", "16.3", LocalDate.of(2026, 11, 22))));
    assertThat(t.samples())
        .extracting(Timeline.Sample::state)
        .containsExactly(Timeline.State.EXPECTED, Timeline.State.DRIFT);
    assertThat(t.svg("postgresql", List.of("dev"), java.time.Instant.parse("2026-11-26T00:00:00Z")))
        .contains(Timeline.EXPECTED_COLOUR)
        .contains("dev expected drift 2026-11-20T02:00:00Z")
        .contains(">expected drift</text>");
    assertThat(Timeline.fromRecords(List.copyOf(records)).samples())
        .extracting(Timeline.Sample::state)
        .containsOnly(Timeline.State.DRIFT);
  }
}
