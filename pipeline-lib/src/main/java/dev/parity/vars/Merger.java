package dev.parity.vars;

import dev.parity.vars.YamlNode.Entry;
import dev.parity.vars.YamlNode.YamlMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Deep-merges an environment's file over common.yml: maps merge key by key; scalars and lists replace. */
public final class Merger {
  private Merger() {
  }

  public static YamlMap merge(YamlMap base, YamlMap over) {
    Map<String, Entry> merged = new LinkedHashMap<>(base.entries());
    for (Entry e : over.entries().values()) {
      Entry existing = merged.get(e.key());
      if (existing != null && existing.value() instanceof YamlMap b && e.value() instanceof YamlMap o) {
        merged.put(e.key(), new Entry(e.key(), e.keyPosition(), merge(b, o)));
      } else {
        merged.put(e.key(), e);
      }
    }
    return new YamlMap(over.position(), merged);
  }
}
