package dev.parity.terraform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Collectors;

/** A plan summary for people (text) and for machines (JSON). Addresses and counts only. */
public final class PlanSummaryText {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlanSummaryText() {
  }

  public static String text(String title, PlanSummary s) {
    StringBuilder sb = new StringBuilder();
    sb.append(title).append(": ").append(s.count("create")).append(" to create, ").append(s.count("update"))
        .append(" to update, ").append(s.count("replace")).append(" to replace, ").append(s.count("delete"))
        .append(" to delete (").append(s.count("read")).append(" read, ").append(s.count("no-op"))
        .append(" unchanged, ").append(s.count("forget")).append(" to forget)").append('\n');
    s.byType().forEach((type, actions) -> sb.append("  ").append(type).append(": ")
        .append(actions.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "))).append('\n'));
    s.replaces().forEach(a -> sb.append("  replace ").append(a).append('\n'));
    s.deletes().forEach(a -> sb.append("  delete  ").append(a).append('\n'));
    s.outputs().forEach((name, action) -> {
      if (!action.equals("no-op")) {
        sb.append("  output  ").append(name).append(": ").append(action).append('\n');
      }
    });
    if (!s.drift().isEmpty()) {
      sb.append("  drift (changed outside the engine): ").append(s.drift().entrySet().stream()
          .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))).append('\n');
    }
    if (s.errored()) {
      sb.append("  the plan errored: it cannot be applied\n");
    }
    return sb.toString();
  }

  public static ObjectNode tree(PlanSummary s) {
    ObjectNode root = JSON.createObjectNode();
    root.set("counts", JSON.valueToTree(s.allCounts()));
    root.set("by_type", JSON.valueToTree(s.byType()));
    root.set("deletes", JSON.valueToTree(s.deletes()));
    root.set("replaces", JSON.valueToTree(s.replaces()));
    root.set("outputs", JSON.valueToTree(s.outputs()));
    root.set("drift", JSON.valueToTree(s.drift()));
    root.put("errored", s.errored());
    root.put("has_changes", s.hasChanges());
    return root;
  }

  public static String json(PlanSummary s) {
    try {
      return JSON.writeValueAsString(tree(s)) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

}
