package dev.parity.ansible;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.process.ParityException;
import dev.parity.vars.Names;
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

  /** The inventory document (JSON, which ansible-playbook reads as YAML). */
  public static ObjectNode from(JsonNode terraformInventory, String pythonInterpreter) {
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
      host.put("ansible_connection", "local");
      host.put("ansible_python_interpreter", pythonInterpreter);
      host.set("parity_node", node);
      ObjectNode group =
          children.has(role) ? (ObjectNode) children.get(role) : children.putObject(role);
      (group.has("hosts") ? (ObjectNode) group.get("hosts") : group.putObject("hosts"))
          .putObject(name);
    }
    return root;
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
