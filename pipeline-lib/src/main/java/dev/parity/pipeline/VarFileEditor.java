package dev.parity.pipeline;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
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

  public static void setVersion(Path file, String service, String version) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Files.writeString(file, withVersion(text, service, version), StandardCharsets.UTF_8);
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
        return text.substring(0, v.getStartMark().getIndex())
            + quoted
            + text.substring(v.getEndMark().getIndex());
      }
      return insertKey(text, s, "version: " + quoted);
    }
    return insertKey(text, services, service + ": { version: " + quoted + " }");
  }

  /** Inserts "key: value" as the first entry of a map, in the map's own style. */
  private static String insertKey(String text, MappingNode map, String entry) {
    if (map.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
      int brace = map.getStartMark().getIndex() + 1;
      String rest = map.getValue().isEmpty() ? " " : ", ";
      return text.substring(0, brace) + " " + entry + rest + text.substring(brace).stripLeading();
    }
    Node firstKey = map.getValue().get(0).getKeyNode();
    int at = firstKey.getStartMark().getIndex();
    int lineStart = text.lastIndexOf('\n', at - 1) + 1;
    String indent = " ".repeat(firstKey.getStartMark().getColumn());
    return text.substring(0, lineStart) + indent + entry + "\n" + text.substring(lineStart);
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
