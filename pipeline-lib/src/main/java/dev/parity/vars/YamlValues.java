package dev.parity.vars;

import dev.parity.vars.YamlNode.Scalar;
import dev.parity.vars.YamlNode.YamlList;
import dev.parity.vars.YamlNode.YamlMap;
import java.util.List;
import java.util.Map;

/** Reading the values of a validated variable-set tree: what every binder needs. */
final class YamlValues {
  private YamlValues() {}

  static List<String> strings(YamlNode node) {
    return node instanceof YamlList l
        ? l.items().stream().map(YamlValues::text).toList()
        : List.of();
  }

  static void flatten(YamlNode node, String path, Map<String, Scalar> out) {
    if (node instanceof YamlMap m) {
      m.entries().forEach((k, e) -> flatten(e.value(), path.isEmpty() ? k : path + "." + k, out));
    } else if (node instanceof YamlList l) {
      for (int i = 0; i < l.items().size(); i++) {
        flatten(l.items().get(i), path + "[" + i + "]", out);
      }
      if (l.items().isEmpty()) {
        out.put(path, new Scalar(l.position(), "[]", YamlNode.ScalarType.STRING));
      }
    } else {
      out.put(path, (Scalar) node);
    }
  }

  static YamlMap map(YamlMap m, String key) {
    return (YamlMap) m.get(key);
  }

  static YamlMap optionalMap(YamlMap m, String key) {
    return m.get(key) instanceof YamlMap child ? child : null;
  }

  /**
   * A boolean key's value: absent gives the default. Anything but true and false is a problem the
   * schema has already recorded at its position, so the set never runs; it reads as the default
   * only so that the other problems can still be collected.
   */
  static boolean flag(YamlNode node, boolean absent) {
    return node instanceof Scalar s && s.type() == YamlNode.ScalarType.BOOL
        ? s.text().equals("true")
        : absent;
  }

  static String text(YamlNode node) {
    return node instanceof Scalar s ? s.text() : "";
  }

  /** The key's text, or the fallback when the key (or its whole section, m) is absent. */
  static String textOr(YamlMap m, String key, String fallback) {
    return m != null && m.get(key) instanceof Scalar s ? s.text() : fallback;
  }

  static long number(YamlNode node) {
    return Long.decode(text(node).replace("_", ""));
  }

  static long longOr(YamlMap m, String key, long fallback) {
    return m != null && m.get(key) instanceof Scalar s
        ? Long.decode(s.text().replace("_", ""))
        : fallback;
  }
}
