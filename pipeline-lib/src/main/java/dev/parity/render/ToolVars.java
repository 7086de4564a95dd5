package dev.parity.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.ServiceSpec;

/**
 * An environment's effective variable set as the tools see it: the same values for Terraform
 * (tfvars JSON, one variable per top-level key) and Ansible (extra-vars JSON under {@code parity},
 * since {@code environment} is an Ansible keyword). Secret values are never part of it: only their
 * names; the values travel separately ({@link SecretHandoff}). {@code node_ports} is every node's
 * ports by node ("db-0") and service, from {@link EnvironmentSpec#nodePort}: a module reads them
 * instead of recomputing the rule.
 */
public final class ToolVars {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private ToolVars() {}

  /** The values both tools get. */
  public static ObjectNode values(EnvironmentSpec spec) {
    ObjectNode root = JSON.createObjectNode();
    root.put("project", spec.project());
    root.put("environment", spec.name());
    root.put("protected", spec.isProtected());
    ObjectNode services = root.putObject("services");
    for (ServiceSpec s : spec.services().values()) {
      ObjectNode n = services.putObject(s.name());
      n.put("version", s.version());
      n.put("role", s.role());
      n.put("port", s.port());
      n.set("settings", JSON.valueToTree(new java.util.TreeMap<>(s.settings())));
    }
    root.set("topology", JSON.valueToTree(spec.topology()));
    root.set("sizing", JSON.valueToTree(spec.sizing()));
    ObjectNode network = root.putObject("network");
    network.put("port_offset", spec.portOffset());
    network.put("bind_address", spec.bindAddress());
    network.put("subnet", spec.access().subnet());
    network.set("clients", JSON.valueToTree(spec.access().clients()));
    root.set("secret_names", JSON.valueToTree(spec.secrets().keySet()));
    ObjectNode nodePorts = root.putObject("node_ports");
    spec.topology()
        .forEach(
            (role, nodes) -> {
              for (int i = 0; i < nodes; i++) {
                ObjectNode ports = nodePorts.putObject(role + "-" + i);
                for (ServiceSpec s : spec.services().values()) {
                  if (s.role().equals(role)) {
                    ports.put(s.name(), spec.nodePort(s, i));
                  }
                }
              }
            });
    return root;
  }

  /** Terraform's {@code -var-file} JSON: every value a root-module variable. */
  public static String terraform(EnvironmentSpec spec) {
    return write(values(spec));
  }

  /** Ansible's {@code --extra-vars @file} JSON: the same values under {@code parity}. */
  public static String ansible(EnvironmentSpec spec) {
    ObjectNode root = JSON.createObjectNode();
    root.set("parity", ansibleValues(spec));
    return write(root);
  }

  /**
   * What the playbooks get under {@code parity}: the values both tools get, and each service's
   * replication, which is the roles' business alone (a team's module that types its services
   * variable strictly never sees a key it does not know).
   */
  public static ObjectNode ansibleValues(EnvironmentSpec spec) {
    ObjectNode values = values(spec);
    for (ServiceSpec s : spec.services().values()) {
      if (s.replication() != null) {
        ObjectNode r =
            ((ObjectNode) values.path("services").path(s.name())).putObject("replication");
        r.put("mode", s.replication().mode());
        r.put("max_lag_bytes", s.replication().maxLagBytes());
        r.put("password_secret", s.replication().passwordSecret());
      }
    }
    return values;
  }

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
