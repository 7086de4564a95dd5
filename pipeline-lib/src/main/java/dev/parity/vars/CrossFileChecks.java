package dev.parity.vars;

import dev.parity.secret.SecretRef;
import dev.parity.vars.YamlNode.Scalar;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What no single file shows, checked once every environment is bound: listeners and state schemas
 * across environments, tools required where no environment is.
 */
final class CrossFileChecks {
  private final Problems problems;

  CrossFileChecks(Problems problems) {
    this.problems = problems;
  }

  /**
   * What no single file shows: listeners beyond port 65535 or on one address and port twice (across
   * services and environments on this machine), two secrets that reach a tool as one variable, two
   * environments whose state shares one schema.
   */
  void check(SortedMap<String, EnvironmentSpec> specs) {
    unknownToolEnvironments(specs);
    Map<String, String> listeners = new TreeMap<>();
    Map<String, String> stateSchemas = new TreeMap<>();
    for (EnvironmentSpec env : specs.values()) {
      for (ServiceSpec svc : env.services().values()) {
        Scalar port = env.leaves().get("services." + svc.name() + ".port");
        Position at = port == null ? svc.position() : port.position();
        int nodes = env.topology().getOrDefault(svc.role(), 0);
        int last = env.nodePort(svc, Math.max(0, nodes - 1));
        if (last > 65535) {
          problems.add(
              new VarProblem(
                  at,
                  "services." + svc.name() + ".port",
                  env.name()
                      + ": "
                      + svc.port()
                      + " + port_offset "
                      + env.portOffset()
                      + (nodes > 1 ? " + node index up to " + (nodes - 1) : "")
                      + " = "
                      + last
                      + ", beyond 65535"));
          continue;
        }
        if (env.access().subnet() != null) {
          continue; // lab and remote nodes each listen on their own address
        }
        for (int i = 0; i < nodes; i++) {
          String key = env.bindAddress() + ":" + env.nodePort(svc, i);
          String who = env.name() + " " + svc.name() + " node " + i;
          String before = listeners.putIfAbsent(key, who);
          if (before != null) {
            problems.add(
                new VarProblem(
                    at,
                    "services." + svc.name() + ".port",
                    who + " would listen on " + key + ", as " + before + " does"));
            break;
          }
        }
      }
      Map<String, String> variables = new TreeMap<>();
      for (String secret : env.secrets().keySet()) {
        String variable = SecretRef.variable(secret);
        String before = variables.putIfAbsent(variable, secret);
        if (before != null) {
          problems.add(
              new VarProblem(
                  Position.startOf(env.file()),
                  "secrets." + secret,
                  env.name()
                      + ": secrets '"
                      + before
                      + "' and '"
                      + secret
                      + "' both reach the playbooks as "
                      + variable
                      + "; rename one"));
        }
      }
      String backend = env.terraform().backend();
      if (backend.equals("pg") || backend.equals("store")) {
        String schema = env.terraform().schemaName();
        String before = stateSchemas.putIfAbsent(schema, env.name());
        if (before != null) {
          problems.add(
              new VarProblem(
                  Position.startOf(env.file()),
                  "terraform.schema_name",
                  "environments "
                      + before
                      + " and "
                      + env.name()
                      + " would keep their state in one schema, "
                      + schema
                      + "; set terraform.schema_name"));
        }
      }
    }
  }

  /** A tool required in an environment the variable set does not have (a typo, a removed one). */
  private void unknownToolEnvironments(SortedMap<String, EnvironmentSpec> specs) {
    Set<String> reported = new java.util.HashSet<>();
    for (EnvironmentSpec env : specs.values()) {
      for (ToolSpec tool : env.tools().values()) {
        for (String required : tool.environments()) {
          if (!specs.containsKey(required) && reported.add(tool.position() + required)) {
            problems.add(
                new VarProblem(
                    tool.position(),
                    "tools." + tool.name() + ".environments",
                    "'" + required + "' has no variable set (" + required + ".yml)"));
          }
        }
      }
    }
  }
}
