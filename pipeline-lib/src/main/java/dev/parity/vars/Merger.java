package dev.parity.vars;

import dev.parity.vars.YamlNode.Entry;
import dev.parity.vars.YamlNode.YamlMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deep-merges an environment's file over common.yml: maps merge key by key; scalars and lists
 * replace. A secret reference is one value, not a map to merge: an environment that says {@code {
 * env: X }} replaces a shared {@code { generate: true }} whole.
 */
public final class Merger {
  private Merger() {}

  public static YamlMap merge(YamlMap base, YamlMap over) {
    return merge(base, over, "");
  }

  private static YamlMap merge(YamlMap base, YamlMap over, String path) {
    Map<String, Entry> merged = new LinkedHashMap<>(base.entries());
    for (Entry e : over.entries().values()) {
      Entry existing = merged.get(e.key());
      boolean atomic = path.equals("secrets");
      if (!atomic
          && existing != null
          && existing.value() instanceof YamlMap b
          && e.value() instanceof YamlMap o) {
        merged.put(
            e.key(),
            new Entry(
                e.key(),
                e.keyPosition(),
                merge(b, o, path.isEmpty() ? e.key() : path + "." + e.key())));
      } else {
        merged.put(e.key(), e);
      }
    }
    return new YamlMap(over.position(), merged);
  }
}
