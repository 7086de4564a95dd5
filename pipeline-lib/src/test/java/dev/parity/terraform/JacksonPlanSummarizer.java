package dev.parity.terraform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan summary read with Jackson's streaming parser, the same rules as {@link PlanSummarizer}:
 * what the hand-written scanner is measured against (BENCHMARKS.md, plan readers). It lives in the
 * tests because the measurement decides which one ships; it must agree with the scanner on every
 * document ({@code PlanSummarizersAgreeTest}) for the figures to mean anything.
 */
final class JacksonPlanSummarizer {
  private static final JsonFactory JSON = new JsonFactory();

  private JacksonPlanSummarizer() {}

  static PlanSummary summarize(InputStream in) throws IOException {
    PlanSummarizer.Builder b = new PlanSummarizer.Builder();
    try (JsonParser p = JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a plan document: expected a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "resource_changes" -> changes(p, value, b, false);
          case "resource_drift" -> changes(p, value, b, true);
          case "output_changes" -> outputs(p, value, b);
          case "errored" -> {
            if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
              throw new IOException("\"errored\" is not true or false");
            }
            b.errored = value == JsonToken.VALUE_TRUE;
          }
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new IOException("unexpected content after the plan document");
      }
    }
    return b.build();
  }

  private static void changes(
      JsonParser p, JsonToken value, PlanSummarizer.Builder b, boolean drift) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      throw new IOException("a list of changes is not a JSON array");
    }
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        throw new IOException("an element of a list of changes is not a JSON object");
      }
      String address = null;
      String type = null;
      List<String> actions = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        switch (field) {
          case "address" -> address = string(p, v, "address");
          case "type" -> type = string(p, v, "type");
          case "change" -> actions = actions(p, v);
          default -> p.skipChildren();
        }
      }
      if (address == null) {
        throw new IOException("a resource change has no \"address\"");
      }
      if (actions == null) {
        throw new IOException("the resource change " + address + " has no \"change\"");
      }
      String action = PlanSummarizer.action(actions, address);
      if (drift) {
        b.drift.put(address, action);
      } else {
        b.add(address, type, action);
      }
    }
  }

  private static String string(JsonParser p, JsonToken v, String field) throws IOException {
    if (v != JsonToken.VALUE_STRING) {
      throw new IOException("a resource change's \"" + field + "\" is not a string");
    }
    return p.getText();
  }

  private static List<String> actions(JsonParser p, JsonToken value) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      throw new IOException("a \"change\" is not a JSON object");
    }
    List<String> actions = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      boolean isActions = p.currentName().equals("actions");
      JsonToken v = p.nextToken();
      if (!isActions) {
        p.skipChildren();
        continue;
      }
      if (v != JsonToken.START_ARRAY) {
        throw new IOException("\"actions\" is not a JSON array");
      }
      actions = new ArrayList<>();
      JsonToken a;
      while ((a = p.nextToken()) != JsonToken.END_ARRAY) {
        if (a != JsonToken.VALUE_STRING) {
          throw new IOException("\"actions\" holds a value that is not a string");
        }
        actions.add(p.getText());
      }
    }
    if (actions == null) {
      throw new IOException("a \"change\" has no \"actions\"");
    }
    return actions;
  }

  private static void outputs(JsonParser p, JsonToken value, PlanSummarizer.Builder b)
      throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      b.outputs.put(name, PlanSummarizer.action(actions(p, p.nextToken()), "output." + name));
    }
  }
}
