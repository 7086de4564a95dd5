package dev.parity.vars;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads {@code varsets/broken.txt}: named cases, each a set of files plus the texts its errors must
 * (not) show.
 */
final class BrokenVarSetCorpus {
  static final String ABSENT = "@absent";

  /**
   * One case: file contents by name (null = absent), texts that must appear, texts that must not.
   */
  record Case(
      String name, Map<String, String> files, List<String> expected, List<String> forbidden) {
    /** Writes the case's files (over the base's) into {@code dir}. */
    void writeTo(Path dir, Case base) {
      Map<String, String> all = new LinkedHashMap<>(base.files());
      all.putAll(files);
      all.forEach(
          (file, content) -> {
            if (content != null) {
              try {
                Files.writeString(dir.resolve(file), content, StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          });
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> load() {
    String text;
    try (var in =
        Objects.requireNonNull(
            BrokenVarSetCorpus.class.getResourceAsStream("/varsets/broken.txt"))) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Case> cases = new ArrayList<>();
    String name = null;
    String file = null;
    Map<String, String> files = new LinkedHashMap<>();
    List<String> expected = new ArrayList<>();
    List<String> forbidden = new ArrayList<>();
    StringBuilder content = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("=== ")
          || line.startsWith("--- ")
          || line.startsWith(">>> ")
          || line.startsWith("!!! ")) {
        if (file != null) {
          files.put(file, content.toString());
          file = null;
        }
      }
      if (line.startsWith("=== ")) {
        if (name != null) {
          cases.add(new Case(name, files, expected, forbidden));
        }
        name = line.substring(4).strip();
        files = new LinkedHashMap<>();
        expected = new ArrayList<>();
        forbidden = new ArrayList<>();
      } else if (line.startsWith("--- ")) {
        String spec = line.substring(4).strip();
        if (spec.endsWith(ABSENT)) {
          files.put(spec.substring(0, spec.length() - ABSENT.length()).strip(), null);
        } else {
          file = spec;
          content.setLength(0);
        }
      } else if (line.startsWith(">>> ")) {
        expected.add(line.substring(4));
      } else if (line.startsWith("!!! ")) {
        forbidden.add(line.substring(4));
      } else if (file != null) {
        content.append(line).append('\n');
      }
    }
    if (file != null) {
      files.put(file, content.toString());
    }
    if (name != null) {
      cases.add(new Case(name, files, expected, forbidden));
    }
    return cases;
  }
}
