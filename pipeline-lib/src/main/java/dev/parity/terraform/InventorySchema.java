package dev.parity.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.parity.error.ParityException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The contract of a root module's {@code inventory} output ({@code
 * schema/inventory-v1.schema.json}, shipped in the jar): checked after every apply, so a module
 * that outputs something parity does not understand is refused with every problem named by its key,
 * before Ansible or a probe acts on it.
 */
public final class InventorySchema {
  public static final String RESOURCE = "/schema/inventory-v1.schema.json";
  private static final JsonSchema SCHEMA = load();

  private InventorySchema() {}

  private static JsonSchema load() {
    try (InputStream in = InventorySchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every problem as "KEY: message", in document order; empty when the inventory is valid. */
  public static List<String> problems(JsonNode inventory) {
    return SCHEMA.validate(inventory).stream()
        .map(m -> key(m) + ": " + m.getError().replaceAll("\\p{Cntrl}", "?"))
        .sorted()
        .distinct()
        .toList();
  }

  /** Throws naming the source and every problem unless the inventory meets the contract. */
  public static void check(JsonNode inventory, String source) {
    List<String> problems = problems(inventory);
    if (!problems.isEmpty()) {
      throw new ParityException(
          source
              + ": the inventory output does not meet parity's contract"
              + " (schema/inventory-v1.schema.json; README, your own module):\n  "
              + String.join("\n  ", problems.subList(0, Math.min(50, problems.size())))
              + (problems.size() > 50 ? "\n  ... and " + (problems.size() - 50) + " more" : ""));
    }
  }

  private static String key(ValidationMessage m) {
    String path = m.getInstanceLocation().toString();
    String key = path.startsWith("$.") ? path.substring(2) : path.equals("$") ? "" : path;
    if (m.getProperty() != null && "required".equals(m.getType())) {
      key = key.isEmpty() ? m.getProperty() : key + "." + m.getProperty();
    }
    return key.isEmpty() ? "(the output)" : key;
  }
}
