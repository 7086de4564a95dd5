package dev.parity.workdir;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.contract.JsonContract;
import dev.parity.text.Instants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract of a live check's run record ({@code schema/run-record-v1.schema.json}), checked
 * whenever one is read back: the report and the timeline render what the records hold, so a record
 * edited since, or written by something else, is refused naming it instead of ending in a null, a
 * raw Jackson error or a bar drawn in year 2999.
 */
public final class RunRecordContract {
  public static final String RESOURCE = "/schema/run-record-v1.schema.json";

  private static final JsonContract SCHEMA = JsonContract.load(RESOURCE);

  private RunRecordContract() {}

  /** Every problem as "KEY: message"; empty when the record meets the contract. */
  public static List<String> problems(JsonNode record, Instant now) {
    List<String> problems = new ArrayList<>(SCHEMA.problems(record));
    if (problems.isEmpty()) {
      instant(record.path("started"), "started", now).ifPresent(problems::add);
      instant(record.path("results").path("generated"), "results.generated", now)
          .ifPresent(problems::add);
    }
    return problems;
  }

  /** Throws naming the source and its problems unless the record meets the contract. */
  public static JsonNode check(JsonNode record, String source, Instant now) {
    List<String> problems = problems(record, now);
    if (!problems.isEmpty()) {
      throw JsonContract.refusal(
          source
              + ": this run record is not one parity wrote (edited since?), so parity does not"
              + " report from it; remove it, or restore it from a backup"
              + " (schema/run-record-v1.schema.json)",
          problems,
          20);
    }
    return record;
  }

  private static java.util.Optional<String> instant(JsonNode value, String key, Instant now) {
    return Instants.problem(value.asText(), now).map(why -> key + ": " + why);
  }
}
