package dev.parity.vars;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as parity reads it: maps, lists and scalars that remember where they were
 * written. Scalars keep their text exactly as written, so {@code 16.10} is never turned into the
 * number 16.1.
 */
public sealed interface YamlNode {
  Position position();

  /** A short name of the kind for error messages: "a map", "a list", "a string". */
  String kind();

  /** A mapping; entries keep the file's order. */
  record YamlMap(Position position, Map<String, Entry> entries) implements YamlNode {
    public YamlMap {
      entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public YamlNode get(String key) {
      Entry e = entries.get(key);
      return e == null ? null : e.value();
    }

    @Override
    public String kind() {
      return "a map";
    }
  }

  /** A key and its value, with the key's own position (where an unknown key is reported). */
  record Entry(String key, Position keyPosition, YamlNode value) {}

  record YamlList(Position position, List<YamlNode> items) implements YamlNode {
    public YamlList {
      items = List.copyOf(items);
    }

    @Override
    public String kind() {
      return "a list";
    }
  }

  /**
   * A scalar.
   *
   * @param text the text as written (without quotes)
   * @param type what YAML 1.1 resolves a plain scalar to: STRING for quoted text
   */
  record Scalar(Position position, String text, ScalarType type) implements YamlNode {
    @Override
    public String kind() {
      return switch (type) {
        case STRING -> "a string";
        case INT -> "a whole number";
        case FLOAT -> "a decimal number";
        case BOOL -> "true or false";
        case NULL -> "empty (null)";
      };
    }
  }

  enum ScalarType {
    STRING,
    INT,
    FLOAT,
    BOOL,
    NULL
  }
}
