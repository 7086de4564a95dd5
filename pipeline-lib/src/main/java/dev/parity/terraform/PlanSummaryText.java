package dev.parity.terraform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A plan summary for people (text) and for machines (JSON). Addresses and counts only. */
public final class PlanSummaryText {
  private PlanSummaryText() {}

  public static String text(String title, PlanSummary s) {
    StringBuilder sb = new StringBuilder();
    sb.append(title)
        .append(": ")
        .append(s.count("create"))
        .append(" to create, ")
        .append(s.count("update"))
        .append(" to update, ")
        .append(s.count("replace"))
        .append(" to replace, ")
        .append(s.count("delete"))
        .append(" to delete (")
        .append(s.count("read"))
        .append(" read, ")
        .append(s.count("no-op"))
        .append(" unchanged, ")
        .append(s.count("forget"))
        .append(" to forget)")
        .append('\n');
    s.byType()
        .forEach(
            (type, actions) ->
                sb.append("  ")
                    .append(type)
                    .append(": ")
                    .append(
                        actions.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")))
                    .append('\n'));
    s.replaces().forEach(a -> sb.append("  replace ").append(a).append('\n'));
    s.deletes().forEach(a -> sb.append("  delete  ").append(a).append('\n'));
    s.outputs()
        .forEach(
            (name, action) -> {
              if (!action.equals("no-op")) {
                sb.append("  output  ").append(name).append(": ").append(action).append('\n');
              }
            });
    if (!s.drift().isEmpty()) {
      sb.append("  drift (changed outside the engine): ")
          .append(
              s.drift().entrySet().stream()
                  .map(e -> e.getKey() + " " + e.getValue())
                  .collect(Collectors.joining(", ")))
          .append('\n');
    }
    if (s.errored()) {
      sb.append("  the plan errored: it cannot be applied\n");
    }
    // Addresses, types and output names come from the module: a crafted for_each key must not
    // overwrite the delete line on a terminal.
    return dev.parity.text.Untrusted.visibleLines(sb.toString());
  }

  /**
   * The JSON summary as a tree, for run records: read back from {@link #json}, so the two never
   * differ.
   */
  public static ObjectNode tree(PlanSummary s) {
    try {
      return (ObjectNode) new ObjectMapper().readTree(json(s));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The summary as JSON, written with the core generator: summarize-plan then never starts
   * Jackson's object mapper, a fifth of a second of a short command's run (BENCHMARKS.md).
   */
  public static String json(PlanSummary s) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeFieldName("counts");
      writeMap(g, s.allCounts());
      g.writeObjectFieldStart("by_type");
      for (var e : s.byType().entrySet()) {
        g.writeFieldName(e.getKey());
        writeMap(g, e.getValue());
      }
      g.writeEndObject();
      writeList(g, "creates", s.creates());
      writeList(g, "updates", s.updates());
      writeList(g, "forgets", s.forgets());
      writeList(g, "deletes", s.deletes());
      writeList(g, "replaces", s.replaces());
      g.writeFieldName("outputs");
      writeMap(g, s.outputs());
      g.writeFieldName("drift");
      writeMap(g, s.drift());
      g.writeBooleanField("errored", s.errored());
      g.writeBooleanField("has_changes", s.hasChanges());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out + "\n";
  }

  private static void writeMap(JsonGenerator g, Map<String, ?> map) throws IOException {
    g.writeStartObject();
    for (var e : map.entrySet()) {
      if (e.getValue() instanceof Integer n) {
        g.writeNumberField(e.getKey(), n);
      } else {
        g.writeStringField(e.getKey(), String.valueOf(e.getValue()));
      }
    }
    g.writeEndObject();
  }

  private static void writeList(JsonGenerator g, String name, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }
}
