package dev.parity.vars;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.text.Names;
import dev.parity.vars.Shape.Field;
import dev.parity.vars.Shape.Leaf;
import dev.parity.vars.Shape.ListShape;
import dev.parity.vars.Shape.MapShape;

/**
 * Writes {@link VarSchema} as a JSON Schema (draft 2020-12), so editors complete and check the
 * variable files. The shipped {@code schema/parity-v1.schema.json} is this output; a test keeps
 * them equal.
 */
public final class JsonSchemaExport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonSchemaExport() {}

  public static String render() {
    ObjectNode root = shape(VarSchema.ROOT);
    ObjectNode doc = JSON.createObjectNode();
    doc.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    doc.put("$id", "https://parity.dev/schema/parity-v1.schema.json");
    doc.put("title", "parity/v1 variable set");
    doc.setAll(root);
    // Each file is either common.yml (schema and project) or an environment's (environment). Which
    // other keys are required is decided on the merged set (parity validate): a key one file lacks
    // may come from the other, so the editor schema requires nothing more.
    ArrayNode kinds = doc.putArray("anyOf");
    kinds.addObject().putArray("required").add("environment");
    kinds.addObject().putArray("required").add("schema").add("project");
    try {
      return JSON.writeValueAsString(doc) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode shape(Shape shape) {
    ObjectNode n = JSON.createObjectNode();
    if (shape instanceof MapShape m) {
      n.put("description", m.description());
      n.put("type", "object");
      if (!m.fields().isEmpty()) {
        ObjectNode props = n.putObject("properties");
        for (var e : m.fields().entrySet()) {
          Field f = e.getValue();
          ObjectNode child = shape(f.shape());
          if (f.scope() != Shape.Scope.ANY) {
            child.put(
                "description",
                child.path("description").asText()
                    + (f.scope() == Shape.Scope.COMMON_ONLY
                        ? " (common.yml only)"
                        : " (environment files only)"));
          }
          if (f.defaultValue() instanceof String text) {
            child.put("default", text);
          } else if (f.defaultValue() instanceof Long number) {
            child.put("default", number);
          } else if (f.defaultValue() instanceof Boolean flag) {
            child.put("default", flag);
          }
          props.set(e.getKey(), child);
        }
      }
      if (!m.exactlyOne().isEmpty()) {
        ArrayNode oneOf = n.putArray("oneOf");
        m.exactlyOne().forEach(k -> oneOf.addObject().putArray("required").add(k));
      }
      if (m.values() != null) {
        n.set("propertyNames", shape(m.keys()));
        n.set("additionalProperties", shape(m.values()));
      } else {
        n.put("additionalProperties", false);
      }
    } else if (shape instanceof ListShape l) {
      n.put("description", l.description());
      n.put("type", "array");
      n.set("items", shape(l.items()));
    } else {
      leaf((Leaf) shape, n);
    }
    return n;
  }

  private static void leaf(Leaf leaf, ObjectNode n) {
    n.put("description", leaf.description());
    switch (leaf.type()) {
      case STRING -> n.put("type", "string");
      case NAME -> n.put("type", "string").put("pattern", "^" + Names.NAME.pattern() + "$");
      case VERSION -> n.put("type", "string").put("pattern", "^" + Names.VERSION.pattern() + "$");
      case INTEGER -> n.put("type", "integer");
      case BOOLEAN -> n.put("type", "boolean");
      case ENV_NAME ->
          n.put("type", "string").put("pattern", "^" + Names.ENV_VARIABLE.pattern() + "$");
      case KEY_PATTERN -> n.put("type", "string");
      case RELATIVE_PATH ->
          n.put("type", "string").put("pattern", "^" + Names.RELATIVE_PATH.pattern() + "$");
      case ABSOLUTE_PATH ->
          n.put("type", "string").put("pattern", "^" + Names.ABSOLUTE_PATH.pattern() + "$");
      case PACKAGE ->
          n.put("type", "string").put("pattern", "^" + Names.DEB_PACKAGE.pattern() + "$");
      case PACKAGE_PIN ->
          n.put("type", "string").put("pattern", "^" + Names.DEB_PACKAGE_PIN.pattern() + "$");
      case REGEX -> n.put("type", "string").put("format", "regex");
      case APT_SOURCE ->
          n.put("type", "string").put("pattern", "^" + Names.APT_SOURCE.pattern() + "$");
      case HOST -> n.put("type", "string").put("pattern", "^(" + Names.HOST.pattern() + ")$");
      case CIDR -> n.put("type", "string").put("pattern", "^" + Names.IPV4_CIDR.pattern() + "$");
      case DATE ->
          n.put("type", "string").put("format", "date").put("pattern", "^\\d{4}-\\d{2}-\\d{2}$");
      case SCALAR -> {
        ArrayNode types = n.putArray("type");
        types.add("string").add("number").add("boolean");
      }
    }
    if (!leaf.allowed().isEmpty()) {
      ArrayNode e = n.putArray("enum");
      leaf.allowed().forEach(e::add);
    }
    if (leaf.min() != null) {
      n.put("minimum", leaf.min());
    }
    if (leaf.max() != null) {
      n.put("maximum", leaf.max());
    }
  }
}
