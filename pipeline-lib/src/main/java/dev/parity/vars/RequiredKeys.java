package dev.parity.vars;

import dev.parity.vars.Shape.Field;
import dev.parity.vars.Shape.ListShape;
import dev.parity.vars.Shape.MapShape;
import dev.parity.vars.YamlNode.Entry;
import dev.parity.vars.YamlNode.YamlList;
import dev.parity.vars.YamlNode.YamlMap;
import java.util.List;

/**
 * The keys the format marks required, enforced at every map of the merged tree below the top level
 * (whose keys {@code VarSetLoader} names with the file to put them in): a {@code probe} without its
 * {@code type}, a tool's {@code read} without its {@code regex}, a {@code store} without its {@code
 * conn_str} are each a FILE:LINE:COL problem, never a default or a crash later.
 */
final class RequiredKeys {
  private RequiredKeys() {}

  /** Adds a problem for each required key missing under the top level of {@code root}. */
  static void check(YamlMap root, MapShape shape, List<VarProblem> problems) {
    for (Entry e : root.entries().values()) {
      Field field = shape.fields().get(e.key());
      if (field != null) {
        node(e.value(), field.shape(), e.key(), problems);
      }
    }
  }

  private static void node(YamlNode node, Shape shape, String path, List<VarProblem> problems) {
    if (shape instanceof MapShape m && node instanceof YamlMap map) {
      for (var required : m.fields().entrySet()) {
        if (required.getValue().required() && map.get(required.getKey()) == null) {
          problems.add(new VarProblem(map.position(), path + "." + required.getKey(), "missing"));
        }
      }
      for (Entry e : map.entries().values()) {
        Field field = m.fields().get(e.key());
        Shape child = field != null ? field.shape() : m.values();
        if (child != null) {
          node(e.value(), child, path + "." + e.key(), problems);
        }
      }
    } else if (shape instanceof ListShape l && node instanceof YamlList list) {
      for (int i = 0; i < list.items().size(); i++) {
        node(list.items().get(i), l.items(), path + "[" + i + "]", problems);
      }
    }
  }
}
