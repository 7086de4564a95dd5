package dev.parity.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.error.ParityException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tool's machine-readable standard output, parsed whole: it goes to a private file (never the
 * bounded capture that keeps only the tail), is read from there by Jackson's streaming parser and
 * the file is removed at once, since such output may hold secret values ({@code output -json} shows
 * sensitive outputs).
 */
public final class JsonStdout {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What the command left: its result, and its output as JSON when it succeeded (null otherwise).
   */
  public record Result(ProcessResult process, JsonNode json) {}

  private JsonStdout() {}

  /**
   * Runs the command with its standard output in {@code file} (0600), then parses it when the
   * command succeeded. Output that is not one JSON document is an error naming the command and the
   * place, with the parser's words masked.
   */
  public static Result run(ProcessRunner runner, ProcessSpec spec, Path file) {
    try {
      ProcessResult r = runner.run(spec.withStdoutTo(file));
      if (!r.succeeded()) {
        return new Result(r, null);
      }
      return new Result(r, parse(file, spec));
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // best effort: the file is 0600 in parity's own work directory
      }
    }
  }

  private static JsonNode parse(Path file, ProcessSpec spec) {
    String what = spec.tool() + " " + spec.subcommand() + " -json";
    try {
      JsonNode doc = JSON.readTree(file.toFile());
      if (doc == null || doc.isMissingNode()) {
        throw new ParityException(what + " printed nothing; parity expected one JSON document");
      }
      return doc;
    } catch (JsonProcessingException e) {
      throw new ParityException(
          what
              + " printed something that is not one JSON document ("
              + dev.parity.contract.JsonContract.at(e)
              + "): "
              + spec.masker().mask(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ParityException("cannot read what " + what + " printed: " + e.getMessage(), e);
    }
  }
}
