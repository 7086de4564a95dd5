package dev.parity.pipeline;

import dev.parity.error.ParityException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Sets {@code services.<service>.version} in an environment's file by editing its text at the exact
 * place, so every comment, blank line and the file's own layout stay as they were. Adds the key
 * where the file has none.
 */
public final class VarFileEditor {
  private VarFileEditor() {}

  /**
   * Sets the version in {@code file}, an environment file directly in {@code varsDir}; refuses,
   * writing nothing, a file that is a link or lies elsewhere (the edit would land outside the
   * variable sets, and outside what the rollout commits).
   */
  public static void setVersion(Path varsDir, Path file, String service, String version)
      throws IOException {
    requireEditable(varsDir, file);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    replace(file, withVersion(text, service, version));
  }

  /** Throws unless {@code file} is a regular file, not a link, directly in {@code varsDir}. */
  public static void requireEditable(Path varsDir, Path file) throws IOException {
    if (Files.isSymbolicLink(file)) {
      throw new ParityException(
          file
              + ": a symbolic link (to "
              + Files.readSymbolicLink(file)
              + "); parity edits only environment files that are themselves in "
              + varsDir
              + ", so the edit is the file the rollout commits. Nothing was written.");
    }
    Path parent = file.toAbsolutePath().normalize().getParent();
    if (!Files.isRegularFile(file)
        || parent == null
        || !parent.toRealPath().equals(varsDir.toRealPath())) {
      throw new ParityException(
          file
              + ": not a regular file directly in "
              + varsDir
              + "; parity edits only the variable sets' own environment files. Nothing was"
              + " written.");
    }
  }

  /** Replaces the file's text whole (written aside, then moved over it): never half written. */
  static void replace(Path file, String text) throws IOException {
    Path aside = file.resolveSibling("." + file.getFileName() + ".parity-edit");
    Files.writeString(aside, text, StandardCharsets.UTF_8);
    try {
      Files.move(
          aside,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(aside);
    }
  }

  static String withVersion(String text, String service, String version) {
    String quoted = "\"" + version + "\"";
    Node root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    MappingNode services = child(root, "services") instanceof MappingNode m ? m : null;
    if (services == null) {
      String sep = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
      return text + sep + "services:\n  " + service + ": { version: " + quoted + " }\n";
    }
    Node svc = child(services, service);
    if (svc instanceof MappingNode s) {
      Node v = child(s, "version");
      if (v instanceof ScalarNode) {
        return text.substring(0, offset(text, v.getStartMark()))
            + quoted
            + text.substring(offset(text, v.getEndMark()));
      }
      return insertKey(text, s, "version: " + quoted);
    }
    return insertKey(text, services, service + ": { version: " + quoted + " }");
  }

  /** Inserts "key: value" as the first entry of a map, in the map's own style. */
  private static String insertKey(String text, MappingNode map, String entry) {
    if (map.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
      int brace = offset(text, map.getStartMark()) + 1;
      String rest = map.getValue().isEmpty() ? " " : ", ";
      return text.substring(0, brace) + " " + entry + rest + text.substring(brace).stripLeading();
    }
    Node firstKey = map.getValue().get(0).getKeyNode();
    int at = offset(text, firstKey.getStartMark());
    int lineStart = text.lastIndexOf('\n', at - 1) + 1;
    String indent = " ".repeat(firstKey.getStartMark().getColumn());
    return text.substring(0, lineStart) + indent + entry + "\n" + text.substring(lineStart);
  }

  /**
   * The mark as an index into the Java string: SnakeYAML counts code points, a String UTF-16 units,
   * so every emoji (or other character beyond the BMP) before the mark shifts them apart by one.
   */
  private static int offset(String text, Mark mark) {
    return text.offsetByCodePoints(0, mark.getIndex());
  }

  private static Node child(Node node, String key) {
    if (!(node instanceof MappingNode map)) {
      return null;
    }
    for (NodeTuple t : map.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return t.getValueNode();
      }
    }
    return null;
  }
}
