package dev.parity.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
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
 * A JSON Schema shipped in the jar that a document parity reads back must meet: a module's
 * inventory output, a run record. Every problem is named by its key, in the form the var set's own
 * errors use ("nodes[0].address: ...").
 */
public final class JsonContract {
  private final JsonSchema schema;

  private JsonContract(JsonSchema schema) {
    this.schema = schema;
  }

  /** The schema at this classpath resource ("/schema/inventory-v1.schema.json"). */
  public static JsonContract load(String resource) {
    try (InputStream in = JsonContract.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the jar");
      }
      return new JsonContract(
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every problem as "KEY: message", sorted; empty when the document meets the schema. */
  public List<String> problems(JsonNode document) {
    return schema.validate(document).stream()
        .map(m -> key(m) + ": " + m.getError().replaceAll("\\p{Cntrl}", "?"))
        .sorted()
        .distinct()
        .toList();
  }

  /**
   * The error that refuses a document: the headline, then each problem on its own line, at most
   * {@code limit} of them and a count of the rest.
   */
  public static ParityException refusal(String headline, List<String> problems, int limit) {
    return new ParityException(
        headline
            + ":\n  "
            + String.join("\n  ", problems.subList(0, Math.min(limit, problems.size())))
            + (problems.size() > limit
                ? "\n  ... and " + (problems.size() - limit) + " more"
                : ""));
  }

  /** Where the parser stopped, "line 2, column 11", for an error naming a file. */
  public static String at(JsonProcessingException e) {
    return e.getLocation() == null
        ? "at an unknown place"
        : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  private static String key(ValidationMessage m) {
    String path = m.getInstanceLocation().toString();
    String key = path.startsWith("$.") ? path.substring(2) : path.equals("$") ? "" : path;
    if (m.getProperty() != null && "required".equals(m.getType())) {
      key = key.isEmpty() ? m.getProperty() : key + "." + m.getProperty();
    }
    return key.isEmpty() ? "(the document)" : key;
  }
}
