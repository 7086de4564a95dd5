package dev.parity.workdir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path work;

  private ObjectNode record(String command, Instant started, boolean withResults) {
    ObjectNode r = JSON.createObjectNode();
    r.put("command", command);
    r.put("environment", "dev");
    r.put("started", started.toString());
    if (withResults) {
      r.putObject("results").putArray("environments").addObject().put("environment", "dev");
    }
    return r;
  }

  @Test
  void liveChecksAreTheAssertStatusAndDeployRunsWithResultsSinceTheWindowsStartOldestFirst()
      throws Exception {
    RunRecords records = new RunRecords(work);
    Instant now = Instant.parse("2026-11-27T05:00:00Z");
    records.write(record("status", now.minusSeconds(120 * 86400), true)); // before the window
    records.write(record("deploy", now.minusSeconds(3600), true));
    records.write(record("plan", now.minusSeconds(1800), false)); // not a live check
    records.write(record("assert", now.minusSeconds(60), false)); // failed before any result
    records.write(record("assert", now.minusSeconds(30), true));
    assertThat(records.liveChecks(now.minusSeconds(90 * 86400)))
        .extracting(r -> r.path("command").asText())
        .containsExactly("deploy", "assert");
  }

  @Test
  void theWindowStartsAtItsInstantNotAtTheStartOfItsDay() throws Exception {
    // Files are skipped by the day in their names; within the first day the start time decides.
    RunRecords records = new RunRecords(work);
    Instant since = Instant.parse("2026-08-29T12:00:00Z");
    records.write(record("status", since.minusSeconds(1), true));
    records.write(record("assert", since, true));
    records.write(record("deploy", since.plusSeconds(3600), true));
    assertThat(records.liveChecks(since))
        .extracting(r -> r.path("command").asText())
        .containsExactly("assert", "deploy");
  }
}
