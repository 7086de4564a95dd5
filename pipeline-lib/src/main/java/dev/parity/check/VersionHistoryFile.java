package dev.parity.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The version history in the work dir: {@code <work dir>/history/versions.jsonl}, one JSON object a
 * line ({@code {"service","version","environment","at"}}).
 */
final class VersionHistoryFile implements VersionHistory {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  VersionHistoryFile(Path workDir) {
    this.file = workDir.resolve("history").resolve("versions.jsonl");
  }

  @Override
  public Optional<Instant> firstReached(String service, String version) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines
          .filter(l -> !l.isBlank())
          .map(VersionHistoryFile::parse)
          .flatMap(Optional::stream)
          .filter(
              n ->
                  service.equals(n.path("service").asText())
                      && version.equals(n.path("version").asText()))
          .map(n -> Instant.parse(n.path("at").asText()))
          .min(Instant::compareTo);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  @Override
  public void record(String service, String version, String environment, Instant at) {
    try {
      Files.createDirectories(file.getParent());
      String line =
          JSON.writeValueAsString(
                  java.util.Map.of(
                      "service",
                      service,
                      "version",
                      version,
                      "environment",
                      environment,
                      "at",
                      at.toString()))
              + "\n";
      Files.writeString(
          file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static Optional<JsonNode> parse(String line) {
    try {
      return Optional.of(JSON.readTree(line));
    } catch (IOException e) {
      return Optional
          .empty(); // a torn last line (crash mid-write) must not hide the rest of the history
    }
  }
}
