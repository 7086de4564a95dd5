package dev.parity.change;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What a patch rollout would change, computed before it edits or commits anything: each environment
 * in order with the version it leaves, and for each protected one the change set its deploy will
 * have once the version is set (plan, configuration, versions). One SHA-256 names the whole; each
 * protected environment's deploy then passes the gate only with its own change set as approved
 * here.
 *
 * @param service the service rolled out
 * @param to the version it goes to
 * @param steps the environments in order
 */
public record RolloutChangeSet(String service, String to, List<Step> steps) implements Approvable {
  private static final ObjectMapper JSON = new ObjectMapper();

  public RolloutChangeSet {
    steps = List.copyOf(steps);
  }

  /**
   * One environment of the rollout.
   *
   * @param changes its change set with the new version set, for a protected environment; null for
   *     an unprotected one (its deploy needs no approval)
   */
  public record Step(String environment, String from, boolean isProtected, ChangeSet changes) {}

  @Override
  public String subject() {
    return "the rollout of " + service + " " + to;
  }

  @Override
  public boolean isEmpty() {
    return steps.isEmpty();
  }

  public ObjectNode hashed() {
    ObjectNode n = JSON.createObjectNode();
    n.put("kind", "rollout");
    n.put("service", service);
    n.put("to", to);
    ArrayNode list = n.putArray("steps");
    for (Step s : steps) {
      ObjectNode step = list.addObject();
      step.put("environment", s.environment());
      step.put("from", s.from());
      step.put("protected", s.isProtected());
      step.put("change_set_sha256", s.changes() == null ? null : s.changes().sha256());
    }
    return n;
  }

  @Override
  public String sha256() {
    try {
      return ChangeSet.sha256Of(JSON.treeToValue(hashed(), Object.class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public ObjectNode document() {
    ObjectNode n = JSON.createObjectNode();
    n.put("sha256", sha256());
    n.set("rollout", hashed());
    ArrayNode sets = n.putArray("change_sets");
    steps.stream().filter(s -> s.changes() != null).forEach(s -> sets.add(s.changes().document()));
    return n;
  }

  @Override
  public String text() {
    StringBuilder sb = new StringBuilder();
    sb.append("Rollout of ").append(service).append(' ').append(to).append(", in this order:\n");
    for (Step s : steps) {
      sb.append("  ")
          .append(s.environment())
          .append(": ")
          .append(service)
          .append(' ')
          .append(s.from())
          .append(" -> ")
          .append(to)
          .append(s.isProtected() ? " (protected: its change set below)" : "")
          .append('\n');
    }
    for (Step s : steps) {
      if (s.changes() != null) {
        s.changes().text().lines().forEach(l -> sb.append("  ").append(l).append('\n'));
      }
    }
    sb.append("Rollout change set sha256: ").append(sha256()).append('\n');
    return sb.toString();
  }
}
