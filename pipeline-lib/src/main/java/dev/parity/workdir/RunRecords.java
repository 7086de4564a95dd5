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

  /**
   * Writes the record to a fresh file, whole or not at all (written aside, then moved), so that a
   * crash leaves no torn record for a reader to trip on.
   */
  public Path write(ObjectNode record) throws IOException {
    String name =
        record.path("started").asText().replace(':', '-')
            + "-"
            + record.path("command").asText().replace(' ', '-')
            + (record.hasNonNull("environment") ? "-" + record.path("environment").asText() : "")
            + ".json";
    Path file = dir.resolve(name);
    Path aside = dir.resolve("." + name + ".tmp");
    PrivateFiles.write(aside, JSON.writeValueAsString(record) + "\n");
    Files.move(aside, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  /**
   * The records of live checks (assert, status, deploy, up) that started at or after {@code since},
   * oldest first, each checked against the run record contract: one edited since, or not JSON, is
   * an error naming its file (a command that stopped before it checked anything recorded no results
   * and is passed over). Files of earlier days are not read: their names begin with their start
   * date.
   */
  public java.util.List<JsonNode> liveChecks(Instant since) throws IOException {
    java.util.List<JsonNode> found = new java.util.ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return found;
    }
    String fromDay = since.toString().substring(0, 10);
    Instant now = Instant.now();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".json"))
              .filter(p -> p.getFileName().toString().compareTo(fromDay) >= 0)
              .filter(RunRecords::namesALiveCheck)
              .sorted()
              .toList()) {
        JsonNode record = read(f);
        if (record.path("results").isNull() || record.path("results").isMissingNode()) {
          continue; // the command stopped before it checked anything: nothing to report
        }
        RunRecordContract.check(record, f.toString(), now);
        if (!Instant.parse(record.path("started").asText()).isBefore(since)) {
          found.add(record);
        }
      }
    }
    return found;
  }

  /** The file name says the command: {@code <start>-<command>[-<environment>].json}. */
  private static boolean namesALiveCheck(Path file) {
    String name = file.getFileName().toString();
    int z = name.indexOf("Z-");
    if (z < 0) {
      return false;
    }
    String rest = name.substring(z + 2);
    return LIVE_CHECKS.stream().anyMatch(c -> rest.equals(c + ".json") || rest.startsWith(c + "-"));
  }

  private static JsonNode read(Path file) throws IOException {
    if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new dev.parity.error.ParityException(
          file + ": not a regular file; a run record is one parity wrote (remove it)");
    }
    try {
      JsonNode n = JSON.readTree(file.toFile());
      if (n == null) {
        throw new dev.parity.error.ParityException(file + ": the run record is empty (remove it)");
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new dev.parity.error.ParityException(
          file
              + ": the run record is not JSON ("
              + dev.parity.contract.JsonContract.at(e)
              + "); remove it");
    }
  }
}
