package dev.parity.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.error.ParityException;
import dev.parity.text.Instants;
import java.io.IOException;
import java.io.Reader;
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

  /** Longer than any entry parity writes (service and version names are short). */
  static final int MAX_LINE = 64 * 1024;

  private final Path file;
  private final java.time.Clock clock;

  VersionHistoryFile(Path workDir) {
    this(workDir, java.time.Clock.systemUTC());
  }

  VersionHistoryFile(Path workDir, java.time.Clock clock) {
    this.file = workDir.resolve("history").resolve("versions.jsonl");
    this.clock = clock;
  }

  @Override
  public Optional<Instant> firstReached(String service, String version) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Optional<Instant> first = Optional.empty();
    // Read a character at a time through a buffer: memory stays one line long however large the
    // history grows, and a line longer than any entry is refused, not held.
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder();
      int number = 1;
      for (int c = in.read(); c != -1; c = in.read()) {
        if (c == '\n') {
          first = earlier(first, at(line, number, service, version, false, now));
          line.setLength(0);
          number++;
        } else if (line.length() == MAX_LINE) {
          throw broken(number, "longer than " + MAX_LINE + " characters, which no entry is");
        } else {
          line.append((char) c);
        }
      }
      // a last line without its newline was cut short by a crash mid-write
      return earlier(first, at(line, number, service, version, true, now));
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new ParityException(
          file + ": not UTF-8 text; the patch window cannot be measured: fix or remove the file");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static Optional<Instant> earlier(Optional<Instant> a, Optional<Instant> b) {
    return a.isEmpty() || (b.isPresent() && b.get().isBefore(a.get())) ? b : a;
  }

  /**
   * When this line's entry reached the version, if it is of that service and version. A line that
   * cannot be read, or dated outside 1970 to now, is an error naming FILE:LINE (the patch window
   * cannot be measured without it: an entry from the future would hold it open until then), except
   * a last line cut short by a crash mid-write, which is skipped.
   */
  private Optional<Instant> at(
      CharSequence text,
      int number,
      String service,
      String version,
      boolean tornLast,
      Instant now) {
    String line = text.toString();
    if (line.isBlank()) {
      return Optional.empty();
    }
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (IOException e) {
      if (tornLast) {
        return Optional.empty();
      }
      throw broken(number, "not a JSON object");
    }
    if (n == null
        || !n.isObject()
        || !n.path("service").isTextual()
        || !n.path("version").isTextual()
        || !n.path("at").isTextual()) {
      throw broken(number, "needs service, version and at, each a string");
    }
    Optional<String> badTime = Instants.problem(n.path("at").asText(), now);
    if (badTime.isPresent()) {
      throw broken(number, "at: " + badTime.get());
    }
    if (!service.equals(n.path("service").asText())
        || !version.equals(n.path("version").asText())) {
      return Optional.empty();
    }
    return Optional.of(Instant.parse(n.path("at").asText()));
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
