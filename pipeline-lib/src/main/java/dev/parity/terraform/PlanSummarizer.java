package dev.parity.terraform;

import dev.parity.terraform.JsonScanner.Token;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a {@code show -json} plan as a stream: it keeps only addresses, types and actions, and skips every
 * before/after value byte by byte without building it ({@link JsonScanner}), so memory stays flat however large the
 * plan, and no attribute value (sensitive or not) is ever held.
 */
public final class PlanSummarizer {
  /** The keys read in a resource change (address, type, change) and in its change (actions); all else is skipped. */
  private static final byte[][] RESOURCE_KEYS = {ascii("address"), ascii("type"), ascii("change")};
  private static final byte[][] ACTIONS_KEY = {ascii("actions")};
  private PlanSummarizer() {
  }

  public static PlanSummary summarize(Path showJson) throws IOException {
    try (InputStream in = Files.newInputStream(showJson)) {
      return summarize(in);
    }
  }

  public static PlanSummary summarize(InputStream in) throws IOException {
    Builder b = new Builder();
    try (JsonScanner p = new JsonScanner(in)) {
      if (p.next() != Token.START_OBJECT) {
        throw new IOException("not a plan document: expected a JSON object");
      }
      while (p.next() == Token.FIELD_NAME) {
        String field = p.text();
        Token value = p.next();
        switch (field) {
          case "resource_changes" -> eachObject(p, value, () -> resourceChange(p, b, false));
          case "resource_drift" -> eachObject(p, value, () -> resourceChange(p, b, true));
          case "output_changes" -> outputChanges(p, value, b);
          case "errored" -> b.errored = value == Token.SCALAR && p.text().equals("true");
          default -> p.skipChildren();
        }
      }
      if (p.next() != Token.END) {
        throw new IOException("unexpected content after the plan document");
      }
    }
    return b.build();
  }

  private interface ObjectReader {
    void read() throws IOException;
  }

  private static void eachObject(JsonScanner p, Token value, ObjectReader reader) throws IOException {
    if (value != Token.START_ARRAY) {
      p.skipChildren();
      return;
    }
    Token t;
    while ((t = p.next()) != Token.END_ARRAY) {
      if (t == Token.START_OBJECT) {
        reader.read();
      } else {
        p.skipChildren();
      }
    }
  }

  /** Reads one resource change object; the parser is on its START_OBJECT and ends on its END_OBJECT. */
  private static void resourceChange(JsonScanner p, Builder b, boolean drift) throws IOException {
    String address = null;
    String type = null;
    List<String> actions = List.of();
    while (p.next() == Token.FIELD_NAME) {
      int field = p.field(RESOURCE_KEYS);
      Token value = p.next();
      switch (field) {
        case 0 -> address = value == Token.STRING ? p.text() : null;
        case 1 -> type = value == Token.STRING ? p.text() : null;
        case 2 -> actions = actions(p, value);
        default -> p.skipChildren();
      }
    }
    String action = action(actions);
    if (drift) {
      b.drift.put(address == null ? "?" : address, action);
    } else {
      b.add(address, type, action);
    }
  }

  /** Reads a change object for its actions, skipping before/after and every other value. */
  private static List<String> actions(JsonScanner p, Token value) throws IOException {
    List<String> actions = new ArrayList<>();
    if (value != Token.START_OBJECT) {
      p.skipChildren();
      return actions;
    }
    while (p.next() == Token.FIELD_NAME) {
      boolean isActions = p.field(ACTIONS_KEY) == 0;
      Token v = p.next();
      if (isActions && v == Token.START_ARRAY) {
        Token a;
        while ((a = p.next()) != Token.END_ARRAY) {
          if (a != Token.STRING) {
            throw new IOException("\"actions\" holds a value that is not a string");
          }
          actions.add(p.text());
        }
      } else {
        p.skipChildren();
      }
    }
    return actions;
  }

  private static void outputChanges(JsonScanner p, Token value, Builder b) throws IOException {
    if (value != Token.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.next() == Token.FIELD_NAME) {
      String name = p.text();
      b.outputs.put(name, action(actions(p, p.next())));
    }
  }

  private static byte[] ascii(String key) {
    return key.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** One word for an action list; both orders of delete and create are a replace. */
  static String action(List<String> actions) {
    if (actions.size() == 2 && actions.contains("delete") && actions.contains("create")) {
      return "replace";
    }
    if (actions.size() == 1) {
      return actions.get(0);
    }
    return actions.isEmpty() ? "no-op" : String.join("+", actions);
  }

  private static final class Builder {
    final SortedMap<String, Integer> counts = new TreeMap<>();
    final SortedMap<String, SortedMap<String, Integer>> byType = new TreeMap<>();
    final List<String> deletes = new ArrayList<>();
    final List<String> replaces = new ArrayList<>();
    final SortedMap<String, String> outputs = new TreeMap<>();
    final SortedMap<String, String> drift = new TreeMap<>();
    boolean errored;

    void add(String address, String type, String action) {
      counts.merge(action, 1, Integer::sum);
      byType.computeIfAbsent(type == null ? "?" : type, t -> new TreeMap<>()).merge(action, 1, Integer::sum);
      if (action.equals("delete")) {
        deletes.add(address);
      } else if (action.equals("replace")) {
        replaces.add(address);
      }
    }

    PlanSummary build() {
      return new PlanSummary(counts, byType, deletes, replaces, outputs, drift, errored);
    }
  }
}
