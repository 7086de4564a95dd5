package dev.parity.workdir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.process.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The record of every command run: {@code <work dir>/runs/<start>-<command>[-<environment>].json}
 * with the command, environment, user, start and end, plan fingerprint, results and exit code.
 * {@code parity report} renders them.
 */
public final class RunRecords {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The commands whose records are live checks (with results per environment): the timeline's. */
  public static final java.util.List<String> LIVE_CHECKS =
      java.util.List.of("assert", "status", "deploy", "up");

  private final Path dir;

  public RunRecords(Path workDir) {
    this.dir = workDir.resolve("runs");
  }

  public Path write(ObjectNode record) throws IOException {
    String name =
        record.path("started").asText().replace(':', '-')
            + "-"
            + record.path("command").asText().replace(' ', '-')
            + (record.hasNonNull("environment") ? "-" + record.path("environment").asText() : "")
            + ".json";
    Path file = dir.resolve(name);
    PrivateFiles.write(file, JSON.writeValueAsString(record) + "\n");
    return file;
  }

  /** Every record that matches, oldest first; records cut short by a crash are skipped. */
  public java.util.List<JsonNode> all(Predicate<JsonNode> filter) throws IOException {
    return all(Instant.EPOCH, filter);
  }

  /**
   * The records that started at or after {@code since} and match, oldest first. Files of earlier
   * days are not read: their names begin with their start date.
   */
  public java.util.List<JsonNode> all(Instant since, Predicate<JsonNode> filter)
      throws IOException {
    java.util.List<JsonNode> found = new java.util.ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return found;
    }
    String fromDay = since.toString().substring(0, 10);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".json"))
              .filter(p -> p.getFileName().toString().compareTo(fromDay) >= 0)
              .sorted()
              .toList()) {
        try {
          JsonNode n = JSON.readTree(f.toFile());
          if (filter.test(n)) {
            found.add(n);
          }
        } catch (IOException torn) {
          // skipped, as in latest()
        }
      }
    }
    return found;
  }

  /** The records of live checks (assert, status, deploy) since then, for the report's timeline. */
  public java.util.List<JsonNode> liveChecks(Instant since) throws IOException {
    return all(
        since,
        r ->
            LIVE_CHECKS.contains(r.path("command").asText())
                && r.path("results").path("environments").isArray()
                && startedAtOrAfter(r, since));
  }

  private static boolean startedAtOrAfter(JsonNode record, Instant since) {
    try {
      return !Instant.parse(record.path("started").asText()).isBefore(since);
    } catch (java.time.DateTimeException e) {
      return false; // a record without a readable start cannot be placed in time
    }
  }

  /** The newest record that matches, by start time. */
  public Optional<JsonNode> latest(Predicate<JsonNode> filter) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".json"))
              .sorted(Comparator.reverseOrder())
              .toList()) {
        try {
          JsonNode n = JSON.readTree(f.toFile());
          if (filter.test(n)) {
            return Optional.of(n);
          }
        } catch (IOException torn) {
          // a record cut short by a crash is skipped, never fatal
        }
      }
    }
    return Optional.empty();
  }
}
