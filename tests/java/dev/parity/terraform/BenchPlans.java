package dev.parity.terraform;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes large {@code show -json} plans shaped like tofu's for the plan-reader benchmark and the
 * test that both readers agree: compact, drift first, planned values and prior state before the
 * changes, configuration after them (with ephemeral resources, which tofu lists there and never as
 * changes), outputs last. The changes cycle through every action the engines write (replace in both
 * orders), at root and in nested modules, with unicode keys in their addresses, escapes in their
 * values and the sensitive/unknown maps a real change carries. Written as a stream: a 100k-change
 * plan is ~100 MiB and must not need that much heap to make.
 */
final class BenchPlans {
  private static final List<String> ACTIONS =
      List.of(
          "\"create\"",
          "\"update\"",
          "\"no-op\"",
          "\"delete\"",
          "\"delete\",\"create\"",
          "\"create\",\"delete\"",
          "\"read\"",
          "\"forget\"");

  private BenchPlans() {}

  /** A plan of {@code changes} resource changes at {@code file}; returns the file. */
  static Path write(Path file, int changes) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("{\"format_version\":\"1.2\",\"terraform_version\":\"1.10.10\",");
      w.write("\"variables\":{\"environment\":{\"value\":\"prod\"},\"topology\":{\"value\":");
      w.write("{\"db\":3,\"cache\":2}}},\"resource_drift\":[");
      for (int i = 0; i < 3; i++) {
        w.write(i == 0 ? "" : ",");
        w.write("{\"address\":\"aws_db_instance.main[" + i + "]\",\"mode\":\"managed\",");
        w.write("\"type\":\"aws_db_instance\",\"name\":\"main\",\"index\":" + i + ",");
        w.write("\"change\":{\"actions\":[\"update\"],\"before\":{\"engine_version\":\"16.3\"},");
        w.write("\"after\":{\"engine_version\":\"16.4\"}}}");
      }
      w.write("],\"planned_values\":{\"root_module\":{\"resources\":[");
      for (int i = 0; i < changes / 10; i++) {
        w.write(i == 0 ? "" : ",");
        w.write("{\"address\":" + quoted(address(i)) + ",\"values\":" + values(i) + "}");
      }
      w.write("]}},\"resource_changes\":[");
      for (int i = 0; i < changes; i++) {
        w.write(i == 0 ? "" : ",");
        change(w, i);
      }
      w.write("],\"configuration\":{\"root_module\":{\"resources\":[");
      w.write("{\"address\":\"ephemeral.random_password.db\",\"mode\":\"ephemeral\",");
      w.write("\"type\":\"random_password\",\"name\":\"db\",\"expressions\":{\"length\":");
      w.write(
          "{\"constant_value\":32}}},{\"address\":\"terraform_data.node\",\"mode\":\"managed\",");
      w.write("\"type\":\"terraform_data\",\"name\":\"node\",\"expressions\":{\"input\":");
      w.write("{\"references\":[\"ephemeral.random_password.db.result\",");
      w.write("\"ephemeral.random_password.db\"]}}}]}},");
      w.write("\"output_changes\":{\"inventory\":{\"actions\":[\"update\"],\"before\":[],");
      w.write("\"after\":[{\"name\":\"prod-db-0\"}],\"after_unknown\":false,");
      w.write("\"before_sensitive\":false,\"after_sensitive\":false},");
      w.write("\"connection\":{\"actions\":[\"create\"],\"before\":null,\"after\":null,");
      w.write("\"after_unknown\":true,\"before_sensitive\":true,\"after_sensitive\":true}},");
      w.write("\"timestamp\":\"2026-12-02T04:00:00Z\",\"errored\":false}\n");
    }
    return file;
  }

  /**
   * The address of change {@code i}: at root, in a module, in a nested module with unicode keys.
   */
  static String address(int i) {
    return switch (i % 3) {
      case 0 -> "terraform_data.node[\"n-" + i + "\"]";
      case 1 -> "module.app[\"zürich-" + i + "\"].aws_instance.web[" + (i % 7) + "]";
      default -> "module.db.module.replica[\"東京-" + i + "\"].terraform_data.node";
    };
  }

  private static void change(BufferedWriter w, int i) throws IOException {
    String type = i % 3 == 1 ? "aws_instance" : "terraform_data";
    w.write("{\"address\":" + quoted(address(i)) + ",");
    if (i % 3 != 0) {
      w.write("\"module_address\":\"" + (i % 3 == 1 ? "module.app" : "module.db.module.replica"));
      w.write("\",");
    }
    w.write("\"mode\":\"managed\",\"type\":\"" + type + "\",\"name\":\"node\",");
    w.write("\"provider_name\":\"registry.opentofu.org/hashicorp/aws\",");
    w.write("\"change\":{\"actions\":[" + ACTIONS.get(i % ACTIONS.size()) + "],");
    w.write("\"before\":" + (i % 8 == 0 ? "null" : values(i - 1)) + ",");
    w.write("\"after\":" + values(i) + ",");
    w.write("\"after_unknown\":{\"id\":true,\"input\":{\"ports\":{}}},");
    w.write("\"before_sensitive\":false,\"after_sensitive\":{\"input\":{\"password\":true}}");
    if (i % 8 == 4 || i % 8 == 5) {
      w.write(",\"replace_paths\":[[\"input\",\"address\"]]");
    }
    w.write("}");
    if (i % 8 == 4 || i % 8 == 5) {
      w.write(",\"action_reason\":\"replace_because_cannot_update\"");
    }
    w.write("}");
  }

  /**
   * An attribute payload with nesting, numbers, escapes and non-ASCII text, as real values have.
   */
  private static String values(int i) {
    return "{\"input\":{\"address\":\"10.0."
        + (i / 250 % 250)
        + "."
        + (i % 250)
        + "\",\"data_dir\":\"/srv/nodes/n-"
        + i
        + "\",\"ports\":{\"postgresql\":"
        + (15432 + i % 1000)
        + "},\"tags\":{\"owner\":\"Zoë \\\"ops\\\" Ångström\",\"note\":\"line\\nbreak \\u00e9 😀\"},"
        + "\"password\":\"(sensitive)\",\"padding\":\""
        + "x".repeat(120 + i % 80)
        + "\"},\"triggers_replace\":[\"db\","
        + i
        + ",1.5e3,true,null]}";
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
