package dev.parity.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.error.ParityException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
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
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      List<String> lines = text.lines().toList();
      Optional<Instant> first = Optional.empty();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isBlank()) {
          continue;
        }
        boolean tornLast = i == lines.size() - 1 && !text.endsWith("\n");
        Optional<Instant> at = at(line, i + 1, service, version, tornLast);
        if (at.isPresent() && (first.isEmpty() || at.get().isBefore(first.get()))) {
          first = at;
        }
      }
      return first;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * When this line's entry reached the version, if it is of that service and version. A line that
   * cannot be read is an error naming FILE:LINE (the patch window cannot be measured without it),
   * except a last line cut short by a crash mid-write, which is skipped.
   */
  private Optional<Instant> at(
      String line, int number, String service, String version, boolean tornLast) {
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (IOException e) {
      if (tornLast) {
        return Optional.empty();
      }
      throw broken(number, "not a JSON object");
    }
    if (!n.isObject()
        || !n.path("service").isTextual()
        || !n.path("version").isTextual()
        || !n.path("at").isTextual()) {
      throw broken(number, "needs service, version and at, each a string");
    }
    if (!service.equals(n.path("service").asText())
        || !version.equals(n.path("version").asText())) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(n.path("at").asText()));
    } catch (java.time.DateTimeException e) {
      throw broken(number, "at is not a UTC time such as 2026-11-20T10:00:00Z");
    }
  }

  private ParityException broken(int line, String why) {
    return new ParityException(
        file
            + ":"
            + line
            + ": "
            + why
            + "; the patch window cannot be measured: fix or remove that line");
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
}
