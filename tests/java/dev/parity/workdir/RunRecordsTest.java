package dev.parity.workdir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.assertion.AssertionResult;
import dev.parity.assertion.EnvironmentAssertions;
import dev.parity.check.Finding;
import dev.parity.check.ParityReport;
import dev.parity.check.PatchClock;
import dev.parity.check.Severity;
import dev.parity.error.ParityException;
import dev.parity.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

public class RunRecordsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path work;

  /** A record as the CLI writes it, its results serialized from parity's own report records. */
  public static ObjectNode record(String command, Instant started, boolean withResults) {
    ObjectNode r = JSON.createObjectNode();
    r.put("command", command);
    r.put("environment", "dev");
    r.put("user", "jenkins");
    r.put("started", started.toString());
    r.put("ended", started.plusSeconds(2).toString());
    r.put("exit_code", 0);
    r.putNull("plan_fingerprint");
    if (withResults) {
      var result =
          new AssertionResult(
              "dev", "dev-db-0", "postgresql", "version", true, "16.4", "16.4", "", 12);
      var env = new EnvironmentAssertions("dev", started.toString(), 30, List.of(result));
      var finding =
          new Finding(
              Severity.WARNING,
              "patch-lag",
              "services.postgresql.version",
              new TreeMap<>(Map.of("dev", "16.4", "prod", "16.3")),
              "prod trails dev by 1 patch",
              new PatchClock(started.minusSeconds(86400), 14, started));
      var parity =
          new ParityReport(List.of("dev"), new TreeMap<>(), new TreeMap<>(), List.of(finding));
      r.set(
          "results",
          JSON.valueToTree(new RunReport(command, started.toString(), List.of(env), parity)));
    } else {
      r.putNull("results");
    }
    return r;
  }

  @Test
  void liveChecksAreTheAssertStatusAndDeployRunsWithResultsSinceTheWindowsStartOldestFirst()
      throws Exception {
    RunRecords records = new RunRecords(work);
    Instant now = Instant.now();
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

  @Test
  void aRecordIsWrittenWholeOrNotAtAllAndNothingIsLeftAside() throws Exception {
    Path file = new RunRecords(work).write(record("status", Instant.now(), true));
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly(file.getFileName().toString());
    }
    assertThat(RunRecordContract.problems(JSON.readTree(file.toFile()), Instant.now())).isEmpty();
  }

  private void assertTamperedIsRefused(Consumer<ObjectNode> tamper, String problem)
      throws Exception {
    Instant started = Instant.now().minusSeconds(60);
    ObjectNode r = record("status", started, true);
    Path file = new RunRecords(work).write(r); // named as parity names it, then edited
    tamper.accept(r);
    Files.writeString(file, JSON.writeValueAsString(r));
    assertThatThrownBy(() -> new RunRecords(work).liveChecks(started.minusSeconds(3600)))
        .isInstanceOf(ParityException.class)
        .hasMessageStartingWith(file + ": this run record is not one parity wrote")
        .hasMessageContaining(problem);
    Files.delete(file);
  }

  private static ObjectNode firstResult(ObjectNode r) {
    return (ObjectNode) r.at("/results/environments/0/results/0");
  }

  record Tampering(String name, Consumer<ObjectNode> tamper, String problem) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Tampering> tamperings() {
    String result = "results.environments[0].results[0]";
    return List.of(
        new Tampering("check missing", r -> firstResult(r).remove("check"), result + ".check"),
        new Tampering(
            "environment null",
            r -> ((ObjectNode) r.at("/results/environments/0")).putNull("environment"),
            "results.environments[0].environment"),
        new Tampering(
            "millis a string", r -> firstResult(r).put("millis", "12"), result + ".millis"),
        new Tampering("millis negative", r -> firstResult(r).put("millis", -1), result + ".millis"),
        new Tampering(
            "severity unknown",
            r -> ((ObjectNode) r.at("/results/parity/findings/0")).put("severity", "CRITICAL"),
            "results.parity.findings[0].severity"),
        new Tampering(
            "check unknown", r -> firstResult(r).put("check", "vibes"), result + ".check"),
        new Tampering(
            "observed null", r -> firstResult(r).putNull("observed"), result + ".observed"),
        new Tampering(
            "passed a string", r -> firstResult(r).put("passed", "true"), result + ".passed"),
        new Tampering("results a string", r -> r.put("results", "[]"), "results"),
        new Tampering(
            "environments not a list",
            r -> ((ObjectNode) r.get("results")).putObject("environments"),
            "results.environments"),
        new Tampering("exit code out of range", r -> r.put("exit_code", 999), "exit_code"),
        new Tampering("command not a live check", r -> r.put("command", "plan"), "command"),
        new Tampering(
            "environment not a name", r -> r.put("environment", "Dev; rm"), "environment"),
        new Tampering(
            "a key parity does not write", r -> firstResult(r).put("html", "<script>"), result),
        new Tampering(
            "a message longer than any parity writes",
            r -> firstResult(r).put("message", "x".repeat(65537)),
            result + ".message"),
        new Tampering(
            "window days a string",
            r -> ((ObjectNode) r.at("/results/parity/findings/0/clock")).put("window_days", "14"),
            "results.parity.findings[0].clock"),
        new Tampering(
            "generated in the future",
            r -> ((ObjectNode) r.get("results")).put("generated", "2999-01-01T00:00:00Z"),
            "results.generated: 2999-01-01T00:00:00Z is in the future"),
        new Tampering("started not a time", r -> r.put("started", "yesterday"), "started"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tamperings")
  void aTamperedRecordIsAnErrorNamingItsFileAndKey(Tampering t) throws Exception {
    assertTamperedIsRefused(t.tamper(), t.problem());
  }

  @Test
  void aRecordDatedInTheFutureOrBeyondAnyCalendarIsRefused() throws Exception {
    Instant now = Instant.now();
    JsonNode future = record("status", Instant.parse("2999-01-01T00:00:00Z"), true);
    assertThat(RunRecordContract.problems(future, now))
        .anySatisfy(
            p -> assertThat(p).startsWith("started: 2999-01-01T00:00:00Z is in the future"));
    ObjectNode beyond = record("status", now, true);
    beyond.put("started", "+1000000000-01-01T00:00:00Z");
    assertThat(RunRecordContract.problems(beyond, now))
        .anySatisfy(p -> assertThat(p).startsWith("started: "));
    ObjectNode noDay = record("status", now, true);
    noDay.put("started", "2026-02-30T00:00:00Z");
    assertThat(RunRecordContract.problems(noDay, now))
        .containsExactly("started: not a UTC time such as 2026-11-20T10:00:00Z");
    assertThat(RunRecordContract.problems(record("status", now.plusSeconds(60), true), now))
        .as("another agent's clock a minute ahead")
        .isEmpty();
  }

  @Test
  void aRecordThatIsNotJsonOrNotAFileIsAnErrorNamingIt() throws Exception {
    Path runs = Files.createDirectories(work.resolve("runs"));
    String day = Instant.now().toString().substring(0, 10);
    Path torn =
        Files.writeString(
            runs.resolve(day + "T10-00-00Z-status.json"),
            "{\"command\": \"status\",\n \"started\"");
    assertThatThrownBy(() -> new RunRecords(work).liveChecks(Instant.now().minusSeconds(86400)))
        .isInstanceOf(ParityException.class)
        .hasMessage(torn + ": the run record is not JSON (line 2, column 11); remove it");
    Files.delete(torn);
    Path dir = Files.createDirectory(runs.resolve(day + "T10-00-01Z-assert-dev.json"));
    assertThatThrownBy(() -> new RunRecords(work).liveChecks(Instant.now().minusSeconds(86400)))
        .isInstanceOf(ParityException.class)
        .hasMessageStartingWith(dir + ": not a regular file");
  }
}
