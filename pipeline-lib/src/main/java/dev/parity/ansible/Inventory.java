package dev.parity.ansible;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.error.ParityException;
import dev.parity.text.Names;
import dev.parity.vars.EnvironmentSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Ansible inventory built from Terraform's {@code inventory} output: one host per node
 * (connection local for the bundled stack), its record as {@code parity_node}, and one group per
 * role. Names from the engine are checked before they become host and group names.
 */
public final class Inventory {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NAME = Names.NAME;
  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.:-]{1,253}");

  private Inventory() {}

  /**
   * How the controller runs things on the nodes: the Python for local nodes, the ssh_config file of
   * the run for SSH nodes, the login user where a node names none, and the service account.
   */
  public record Access(
      String localPython,
      Path sshConfig,
      EnvironmentSpec.Ssh ssh,
      String serviceUser,
      boolean controllerIsRoot) {}

  /** The inventory document (JSON, which ansible-playbook reads as YAML). */
  public static ObjectNode from(JsonNode terraformInventory, Access access) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode all = root.putObject("all");
    ObjectNode hosts = all.putObject("hosts");
    ObjectNode children = all.putObject("children");
    for (JsonNode node : nodes(terraformInventory)) {
      String name = node.path("name").asText();
      String role = node.path("role").asText();
      String address = node.path("address").asText();
      check(NAME, name, "node name");
      check(NAME, role, "role of " + name);
      check(ADDRESS, address, "address of " + name);
      ObjectNode host = hosts.putObject(name);
      if (isSsh(node)) {
        JsonNode ssh = node.path("ssh");
        host.put("ansible_connection", "ssh");
        host.put("ansible_host", ssh.path("host").asText(address));
        host.put("ansible_port", ssh.path("port").asInt(22));
        host.put("ansible_user", ssh.path("user").asText(access.ssh().user()));
        host.put("ansible_python_interpreter", node.path("python").asText("/usr/bin/python3"));
        // Everything else (key, known hosts, bastion, connection reuse) is in the run's ssh_config.
        host.put("ansible_ssh_args", "-F " + access.sshConfig());
        host.put("ansible_pipelining", access.ssh().pipelining());
        // The node's own temp dir, not the controller's work dir, and one the service account can
        // use too: it has no home, so ~/.ansible/tmp would be /nonexistent/.ansible/tmp for it.
        host.put("ansible_remote_tmp", "/tmp");
        // Privileged tasks become root; the service's own commands become the service account.
        host.put("ansible_become", true);
        host.put("ansible_become_method", access.ssh().becomeMethod());
        // (no ansible_become_user: as a host variable it would override the tasks' become_user)
        host.put("parity_service_account", access.serviceUser());
        host.put("parity_remote", true);
        host.set("parity_run_as", JSON.createArrayNode());
        host.put("parity_is_root", true);
      } else {
        host.put("ansible_connection", "local");
        host.put("ansible_python_interpreter", access.localPython());
        host.put("parity_remote", false);
        host.set(
            "parity_run_as",
            JSON.valueToTree(
                access.controllerIsRoot()
                    ? List.of("runuser", "-u", access.serviceUser(), "--")
                    : List.of()));
        host.put("parity_is_root", access.controllerIsRoot());
      }
      host.set("parity_node", node);
      ObjectNode group =
          children.has(role) ? (ObjectNode) children.get(role) : children.putObject(role);
      (group.has("hosts") ? (ObjectNode) group.get("hosts") : group.putObject("hosts"))
          .putObject(name);
    }
    return root;
  }

  /** Whether the node is reached over SSH (else it is the machine parity runs on). */
  public static boolean isSsh(JsonNode node) {
    return "ssh".equals(node.path("connection").asText());
  }

  /**
   * The nodes of the inventory the last apply recorded for an environment, or none when it was
   * never applied.
   */
  public static List<JsonNode> recorded(dev.parity.workdir.EnvironmentDir dir, String environment) {
    return dev.parity.inventory.InventoryContract.readRecorded(dir.inventory(), environment)
        .map(Inventory::nodes)
        .orElse(List.of());
  }

  /** The node records, in inventory order. */
  public static List<JsonNode> nodes(JsonNode terraformInventory) {
    JsonNode nodes = terraformInventory.path("nodes");
    if (!nodes.isArray()) {
      throw new ParityException(
          "the module's inventory output has no nodes list (see README, your own module)");
    }
    List<JsonNode> list = new java.util.ArrayList<>();
    nodes.forEach(list::add);
    return list;
  }

  private static void check(Pattern pattern, String value, String what) {
    if (!pattern.matcher(value).matches()) {
      throw new ParityException(
          "the module's inventory output has an unusable "
              + what
              + ": '"
              + value.replaceAll("\\p{Cntrl}", "?")
              + "' (names: lower-case letters, digits, - and _)");
    }
  }
}
