package dev.parity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.assertion.AssertionResult;
import dev.parity.assertion.EnvironmentAssertions;
import dev.parity.report.RunReport;
import dev.parity.store.WorkDirStore;
import dev.parity.workdir.WorkDir;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpReportTimelineTest {
  @Test
  void theMainJobsPageShowsTheLiveChecksItHasJustMadeOnTheTimeline() throws Exception {
    var dir = Files.createTempDirectory("up-timeline-");
    var live =
        new EnvironmentAssertions(
            "dev",
            Instant.now().toString(),
            3,
            List.of(
                new AssertionResult(
                    "dev", "dev-db-0", "postgresql", "version", true, "16.2", "16.2", "", 2)));
    RunReport report = new RunReport("status", Instant.now().toString(), List.of(live), null);
    try (var store = new WorkDirStore(new WorkDir(dir), Map.of())) {
      var timeline = UpCommand.timelineWith(report, store, dev.parity.report.ExpectedDrifts.NONE);
      assertThat(timeline.has("postgresql"))
          .as("nothing recorded yet, and still this run's own checks")
          .isTrue();
      assertThat(timeline.samples())
          .singleElement()
          .satisfies(s -> assertThat(s.environment()).isEqualTo("dev"));
    }
  }
}
