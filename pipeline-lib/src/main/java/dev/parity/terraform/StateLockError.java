package dev.parity.terraform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the engine's "Error acquiring the state lock" output: who holds the lock, since when, its
 * ID.
 */
public record StateLockError(String id, String who, String operation, String created) {
  private static final Pattern FIELD =
      Pattern.compile("(?m)^\\s*(ID|Path|Operation|Who|Version|Created|Info):\\s*(.*)$");

  public static Optional<StateLockError> parse(String output) {
    if (!output.contains("Error acquiring the state lock")) {
      return Optional.empty();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher m = FIELD.matcher(output);
    while (m.find()) {
      fields.putIfAbsent(m.group(1), m.group(2).strip());
    }
    return Optional.of(
        new StateLockError(
            fields.getOrDefault("ID", "?"),
            fields.getOrDefault("Who", "?"),
            fields.getOrDefault("Operation", "?"),
            fields.getOrDefault("Created", "?")));
  }
}
