package dev.parity.vars;

import dev.parity.vars.YamlNode.Entry;
import dev.parity.vars.YamlNode.Scalar;
import dev.parity.vars.YamlNode.ScalarType;
import dev.parity.vars.YamlNode.YamlList;
import dev.parity.vars.YamlNode.YamlMap;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one variable-set file into a {@link YamlNode} tree with positions, or collects why it
 * cannot: too large, binary, not UTF-8, empty, YAML syntax errors, several documents, duplicate
 * keys, anchors and aliases, tags. It never throws for bad input and never constructs Java objects
 * from YAML (only SnakeYAML's node graph).
 */
public final class YamlReader {
  /** A variable set is a few hundred lines; anything this large is a mistake (or an attack). */
  public static final int MAX_BYTES = 1 << 20;

  private static final int MAX_DEPTH = 40;

  private YamlReader() {}

  /** The parsed tree, or empty with the problems added to {@code problems}. */
  public static Optional<YamlMap> read(Path file, List<VarProblem> problems) {
    Position start = Position.startOf(file);
    byte[] bytes;
    try {
      if (!Files.isRegularFile(file)) {
        problems.add(new VarProblem(start, "", "not a regular file"));
        return Optional.empty();
      }
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        problems.add(
            new VarProblem(
                start,
                "",
                "file is "
                    + size
                    + " bytes; a variable set may be at most "
                    + MAX_BYTES
                    + " bytes"));
        return Optional.empty();
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      problems.add(new VarProblem(start, "", "cannot read: " + e.getMessage()));
      return Optional.empty();
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      problems.add(new VarProblem(start, "", "not UTF-8 text (a binary file?)"));
      return Optional.empty();
    }
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      problems.add(
          new VarProblem(positionOf(file, text, nul), "", "contains a NUL byte (a binary file?)"));
      return Optional.empty();
    }
    if (text.isBlank()) {
      problems.add(
          new VarProblem(start, "", "file is empty; a variable set is a YAML map (see README)"));
      return Optional.empty();
    }
    List<Node> documents = new ArrayList<>();
    try {
      new Yaml(loaderOptions()).composeAll(new StringReader(text)).forEach(documents::add);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      Position at =
          mark == null ? start : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
      problems.add(new VarProblem(at, "", "YAML syntax: " + describe(e)));
      return Optional.empty();
    } catch (YAMLException e) {
      problems.add(new VarProblem(start, "", "YAML: " + e.getMessage()));
      return Optional.empty();
    }
    if (documents.size() != 1) {
      Position at = documents.size() > 1 ? position(file, documents.get(1)) : start;
      problems.add(
          new VarProblem(
              at,
              "",
              documents.isEmpty()
                  ? "file is empty (only comments); a variable set is a YAML map (see README)"
                  : "file holds " + documents.size() + " YAML documents; a variable set is one"));
      return Optional.empty();
    }
    int before = problems.size();
    YamlNode root = convert(file, documents.get(0), "", 0, problems);
    if (problems.size() > before) {
      return Optional.empty();
    }
    if (!(root instanceof YamlMap map)) {
      problems.add(
          new VarProblem(
              root.position(), "", "must be a YAML map of keys (see README), not " + root.kind()));
      return Optional.empty();
    }
    return Optional.of(map);
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // found and reported with both positions by convert()
    options.setMaxAliasesForCollections(10);
    options.setNestingDepthLimit(MAX_DEPTH + 10);
    options.setCodePointLimit(MAX_BYTES + 1);
    options.setAllowRecursiveKeys(false);
    return options;
  }

  private static YamlNode convert(
      Path file, Node node, String path, int depth, List<VarProblem> problems) {
    Position at = position(file, node);
    if (depth > MAX_DEPTH) {
      problems.add(new VarProblem(at, path, "nested more than " + MAX_DEPTH + " levels deep"));
      return new Scalar(at, "", ScalarType.NULL);
    }
    if (node.getAnchor() != null) {
      problems.add(
          new VarProblem(
              at,
              path,
              // The anchor's name is not shown: a value written after & is often the value itself.
              "anchors and aliases (&, *) are not supported in variable sets; write the value out,"
                  + " or put shared values in common.yml"));
    }
    if (node instanceof MappingNode mapping) {
      Map<String, Entry> entries = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        Node keyNode = tuple.getKeyNode();
        Position keyAt = position(file, keyNode);
        if (!(keyNode instanceof ScalarNode keyScalar) || keyNode.getTag().equals(Tag.MERGE)) {
          problems.add(
              new VarProblem(
                  keyAt,
                  path,
                  keyNode.getTag().equals(Tag.MERGE)
                      ? "merge keys (<<) are not supported; write the keys out"
                      : "a key must be plain text"));
          continue;
        }
        String key = keyScalar.getValue();
        String childPath = path.isEmpty() ? key : path + "." + key;
        Entry previous = entries.get(key);
        if (previous != null) {
          problems.add(
              new VarProblem(
                  keyAt,
                  childPath,
                  "duplicate key (first at line " + previous.keyPosition().line() + ")"));
          continue;
        }
        entries.put(
            key,
            new Entry(
                key, keyAt, convert(file, tuple.getValueNode(), childPath, depth + 1, problems)));
      }
      return new YamlMap(at, entries);
    }
    if (node instanceof SequenceNode sequence) {
      List<YamlNode> items = new ArrayList<>();
      List<Node> values = sequence.getValue();
      for (int i = 0; i < values.size(); i++) {
        items.add(convert(file, values.get(i), path + "[" + i + "]", depth + 1, problems));
      }
      return new YamlList(at, items);
    }
    ScalarNode scalar = (ScalarNode) node;
    return new Scalar(at, scalar.getValue(), scalarType(scalar, path, at, problems));
  }

  private static ScalarType scalarType(
      ScalarNode scalar, String path, Position at, List<VarProblem> problems) {
    Tag tag = scalar.getTag();
    if (!tag.startsWith(Tag.PREFIX)) {
      problems.add(
          new VarProblem(
              at, path, "YAML tags (!) are not supported; the tag is not shown, write the value"));
      return ScalarType.STRING;
    }
    if (scalar.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) {
      return ScalarType.STRING;
    }
    if (tag.equals(Tag.INT)) {
      return ScalarType.INT;
    }
    if (tag.equals(Tag.FLOAT)) {
      return ScalarType.FLOAT;
    }
    if (tag.equals(Tag.BOOL)) {
      // One decision of booleans, as YAML 1.2 makes it: only true and false. YAML 1.1's yes, On,
      // Y... stay text, so a boolean key given one is an error at its position, never a guess.
      String v = scalar.getValue();
      return v.equals("true") || v.equals("false") ? ScalarType.BOOL : ScalarType.STRING;
    }
    if (tag.equals(Tag.NULL)) {
      return ScalarType.NULL;
    }
    return ScalarType.STRING;
  }

  private static Position position(Path file, Node node) {
    Mark mark = node.getStartMark();
    return mark == null
        ? Position.startOf(file)
        : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static Position positionOf(Path file, String text, int index) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Position(file, line, index - lineStart + 1);
  }

  private static String describe(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "" : e.getProblem();
    String context = e.getContext() == null ? "" : e.getContext();
    String text = (context.isEmpty() ? problem : context + ": " + problem).strip();
    if (text.contains("'\\t'") || text.contains("\\t(TAB)")) {
      text += " (indent with spaces; YAML does not allow tabs for indentation)";
    }
    // The parser's own words may quote the scalar it refused, which can be a secret: only YAML's
    // one-character indicators stay quoted; names after alias, anchor and tag go.
    return withoutQuotedValues(text.replaceAll("(alias|anchor) [^\\s,;]+", "$1"))
        .replaceAll("\\s+", " ");
  }

  /** Every quoted segment but a one-character YAML indicator becomes {@code '(not shown)'}. */
  static String withoutQuotedValues(String text) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int close = (c == '\'' || c == '"') ? text.indexOf(c, i + 1) : -1;
      if (close < 0) {
        sb.append(c);
        i++;
        continue;
      }
      String inside = text.substring(i + 1, close);
      boolean indicator =
          inside.equals("\\t") || (inside.length() == 1 && ",:{}[]-?#&*!|>'\"%@`".contains(inside));
      sb.append(c).append(indicator ? inside : "(not shown)").append(c);
      i = close + 1;
    }
    return sb.toString();
  }
}
