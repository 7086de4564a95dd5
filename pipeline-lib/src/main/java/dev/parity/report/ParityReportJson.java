package dev.parity.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.check.Finding;
import dev.parity.check.ParityReport;

/**
 * The JSON form of a parity report: {@code {"environments":[...], "matrix":{env:{service:version}},
 * "topology":{env:{role:nodes}},
 * "findings":[{"severity","rule","path","environments","message"}]}}.
 */
public final class ParityReportJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ParityReportJson() {}

  public static ObjectNode tree(ParityReport report) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode envs = root.putArray("environments");
    report.environments().forEach(envs::add);
    root.set("matrix", JSON.valueToTree(report.matrix()));
    root.set("topology", JSON.valueToTree(report.topology()));
    ArrayNode findings = root.putArray("findings");
    for (Finding f : report.findings()) {
      ObjectNode n = findings.addObject();
      n.put("severity", f.severity().label());
      n.put("rule", f.rule());
      n.put("path", f.path());
      n.set("environments", JSON.valueToTree(f.environments()));
      n.put("message", f.message());
      if (f.clock() != null) {
        ObjectNode c = n.putObject("patch_window");
        c.put("since", f.clock().since().toString());
        c.put("window_days", f.clock().windowDays());
        c.put("days_elapsed", f.clock().daysElapsed());
        c.put("days_left", f.clock().daysLeft());
        c.put("closes", f.clock().closes().toString());
        c.put("closed", f.clock().closed());
      }
    }
    root.put("in_parity", report.inParity());
    return root;
  }

  public static String render(ParityReport report) {
    try {
      return JSON.writeValueAsString(tree(report)) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
