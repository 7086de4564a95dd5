package dev.parity.terraform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which attributes each in-place update of a plan changes, by path ("tags.scanned", "ingress.0"),
 * for the plan's changes and for what changed outside the engine. Paths only, never a value: the
 * values are compared while the document is read and dropped. An attribute whose planned value is
 * unknown until apply is computed by the provider from the others and is not listed; an update
 * whose every changed attribute is unknown lists none, and is then never taken as expected.
 *
 * @param changes address to changed attribute paths, for resource_changes with action update
 * @param drift the same for resource_drift
 */
public record ChangedAttributes(
    SortedMap<String, List<String>> changes, SortedMap<String, List<String>> drift) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static final ChangedAttributes NONE =
      new ChangedAttributes(new TreeMap<>(), new TreeMap<>());

  public ChangedAttributes {
    changes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(changes));
    drift = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(drift));
  }

  /** Reads a {@code show -json} document, one resource change at a time. */
  public static ChangedAttributes read(Path planJson) throws IOException {
    SortedMap<String, List<String>> changes = new TreeMap<>();
    SortedMap<String, List<String>> drift = new TreeMap<>();
    try (JsonParser p = JSON.getFactory().createParser(planJson.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("a plan document is a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ((field.equals("resource_changes") || field.equals("resource_drift"))
            && value == JsonToken.START_ARRAY) {
          SortedMap<String, List<String>> into = field.equals("resource_changes") ? changes : drift;
          while (p.nextToken() == JsonToken.START_OBJECT) {
            update(p.readValueAsTree(), into);
          }
        } else {
          p.skipChildren();
        }
      }
    }
    return new ChangedAttributes(changes, drift);
  }

  private static void update(JsonNode resource, Map<String, List<String>> into) {
    JsonNode change = resource.path("change");
    JsonNode actions = change.path("actions");
    if (actions.size() != 1 || !actions.get(0).asText().equals("update")) {
      return;
    }
    TreeSet<String> paths = new TreeSet<>();
    diff(change.path("before"), change.path("after"), change.path("after_unknown"), "", paths);
    into.put(resource.path("address").asText(), List.copyOf(paths));
  }

  private static void diff(
      JsonNode before, JsonNode after, JsonNode unknown, String path, TreeSet<String> out) {
    if (unknown.isBoolean() && unknown.asBoolean()) {
      return;
    }
    before = before.isMissingNode() ? NullNode.instance : before;
    after = after.isMissingNode() ? NullNode.instance : after;
    if (before.isObject() && after.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      before.fieldNames().forEachRemaining(keys::add);
      after.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        diff(before.path(k), after.path(k), unknown.path(k), join(path, k), out);
      }
    } else if (before.isArray() && after.isArray()) {
      for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
        diff(before.path(i), after.path(i), unknown.path(i), join(path, String.valueOf(i)), out);
      }
    } else if (!before.equals(after)) {
      out.add(path.isEmpty() ? "*" : path);
    }
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
