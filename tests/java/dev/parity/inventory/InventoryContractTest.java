package dev.parity.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.error.ParityException;
import dev.parity.text.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The inventory contract: what a module's output must be, and every problem named by its key. */
class InventoryContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode sshNode() {
    ObjectNode n = JSON.createObjectNode();
    n.put("name", "dev-db-0").put("role", "db").put("index", 0).put("address", "10.231.1.60");
    n.putObject("ports").put("postgresql", 5432);
    n.put("data_dir", "/var/lib/parity/dev-db-0").put("connection", "ssh");
    n.putObject("ssh")
        .put("host", "10.231.1.60")
        .put("port", 22)
        .put("user", "parity-lab")
        .put("host_key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIN2eNw dev-db-0");
    n.put("python", "/usr/bin/python3");
    return n;
  }

  private static ObjectNode inventory(ObjectNode... nodes) {
    ObjectNode inv = JSON.createObjectNode().put("environment", "dev");
    var list = inv.putArray("nodes");
    for (ObjectNode n : nodes) {
      list.add(n);
    }
    return inv;
  }

  @Test
  void anSshNodeWithEveryFieldMeetsTheContract() {
    assertThat(InventoryContract.problems(inventory(sshNode()))).isEmpty();
  }

  @Test
  void theInventoriesTheBundledModulesWriteMeetTheContract() throws Exception {
    JsonNode local =
        JSON.createObjectNode()
            .put("environment", "local")
            .set(
                "nodes",
                JSON.createArrayNode()
                    .add(
                        JSON.createObjectNode()
                            .put("name", "local-db-0")
                            .put("role", "db")
                            .put("index", 0)
                            .put("address", "127.0.0.1")
                            .put("data_dir", "/srv/nodes/local/db-0")
                            .put("connection", "local")
                            .<ObjectNode>set(
                                "ports", JSON.createObjectNode().put("postgresql", 15432))
                            .set("sizing", JSON.createObjectNode().put("cpus", 1))));
    assertThat(InventoryContract.problems(local)).isEmpty();
  }

  @Test
  void everyProblemIsNamedByItsKeyAndNothingIsGuessed() {
    ObjectNode bad = sshNode();
    bad.put("connection", "winrm");
    ((ObjectNode) bad.get("ssh")).put("port", "22");
    bad.remove("data_dir");
    bad.put("instance_id", "i-123");
    ObjectNode hostile = sshNode().put("name", "db-0; rm -rf /");
    assertThat(InventoryContract.problems(inventory(bad, hostile)))
        .anySatisfy(p -> assertThat(p).startsWith("nodes[0].connection: "))
        .anySatisfy(p -> assertThat(p).startsWith("nodes[0].ssh.port: "))
        .anySatisfy(p -> assertThat(p).startsWith("nodes[0].data_dir: "))
        .anySatisfy(p -> assertThat(p).startsWith("nodes[0]").contains("instance_id"))
        .anySatisfy(p -> assertThat(p).startsWith("nodes[1].name: "));
    assertThatThrownBy(
            () -> InventoryContract.check(inventory(bad), "terraform/team (output)", "dev"))
        .isInstanceOf(ParityException.class)
        .hasMessageStartingWith("terraform/team (output): the inventory output does not meet");
  }

  @Test
  void aDataDirThatDownCouldNotSafelyRemoveIsRefused() {
    for (String dir :
        new String[] {"/", "/srv", "/srv/", "/var/lib/../..", "/var/./lib", "srv/x"}) {
      assertThat(InventoryContract.problems(inventory(sshNode().put("data_dir", dir))))
          .as(dir)
          .anySatisfy(p -> assertThat(p).startsWith("nodes[0].data_dir: "));
    }
    for (String dir : new String[] {"/srv/parity", "/var/lib/parity/dev-db-0", "/srv/.parity/x"}) {
      assertThat(InventoryContract.problems(inventory(sshNode().put("data_dir", dir))))
          .as(dir)
          .isEmpty();
    }
  }

  @Test
  void theSchemaUsesParitysOwnNamePattern() throws Exception {
    JsonNode schema =
        JSON.readTree(Files.readString(Path.of("..", "schema", "inventory-v1.schema.json")));
    assertThat(schema.at("/$defs/name/pattern").asText())
        .isEqualTo("^" + Names.NAME.pattern() + "$");
  }

  @Test
  void theSchemaUsesParitysOwnHostPattern() throws Exception {
    JsonNode schema =
        JSON.readTree(Files.readString(Path.of("..", "schema", "inventory-v1.schema.json")));
    assertThat(schema.at("/$defs/address/pattern").asText())
        .isEqualTo("^(" + Names.HOST.pattern() + ")$");
  }

  @Test
  void aHostThatSshWouldReadAsAnOptionOrAnythingButAnAddressIsRefused() {
    for (String host :
        new String[] {
          "-oProxyCommand=touch /tmp/x",
          "-J",
          "a b",
          "%h",
          "010.231.1.60",
          "10.231.1.256",
          "",
          "host_name",
          "fe80::1%eth0",
          "1:2"
        }) {
      ObjectNode node = sshNode().put("address", host);
      ((ObjectNode) node.get("ssh")).put("host", host);
      assertThat(InventoryContract.problems(inventory(node), "dev"))
          .as(host)
          .anySatisfy(p -> assertThat(p).startsWith("nodes[0].address: "))
          .anySatisfy(p -> assertThat(p).startsWith("nodes[0].ssh.host: "));
    }
    for (String host : new String[] {"10.231.1.60", "db-0.dev.example.com", "::1", "fe80::1"}) {
      ObjectNode node = sshNode().put("address", host);
      ((ObjectNode) node.get("ssh")).put("host", host);
      assertThat(InventoryContract.problems(inventory(node), "dev")).as(host).isEmpty();
    }
  }

  @Test
  void anInterpreterPathThatAShellWouldSplitIsRefused() {
    for (String python :
        new String[] {"/usr/bin/python3; touch /tmp/x", "python3", "/usr/bin/py thon", "/a/../b"}) {
      assertThat(InventoryContract.problems(inventory(sshNode().put("python", python)), "dev"))
          .as(python)
          .anySatisfy(p -> assertThat(p).startsWith("nodes[0].python: "));
    }
  }

  @Test
  void twoNodesOfOneNameOrAnotherEnvironmentsInventoryAreRefused() {
    assertThat(InventoryContract.problems(inventory(sshNode(), sshNode()), "dev"))
        .containsExactly("nodes[1].name: 'dev-db-0' names two nodes; each is one host");
    assertThat(InventoryContract.problems(inventory(sshNode()), "prod"))
        .containsExactly("environment: is 'dev', but this is the inventory of prod");
  }

  @Test
  void aRecordedInventoryEditedSinceOrNotJsonIsRefusedNamingTheFile(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("inventory.json");
    assertThat(InventoryContract.readRecorded(file, "dev")).isEmpty();
    Files.writeString(file, JSON.writeValueAsString(inventory(sshNode())));
    assertThat(InventoryContract.readRecorded(file, "dev")).isPresent();
    Files.writeString(
        file, JSON.writeValueAsString(inventory(sshNode().put("address", "-oProxyCommand=x"))));
    assertThatThrownBy(() -> InventoryContract.readRecorded(file, "dev"))
        .isInstanceOf(ParityException.class)
        .hasMessageStartingWith(file + " (the inventory the last apply recorded")
        .hasMessageContaining("nodes[0].address: it starts with '-'");
    Files.writeString(file, "{\"environment\": \"dev\",\n \"nodes\": [}");
    assertThatThrownBy(() -> InventoryContract.readRecorded(file, "dev"))
        .isInstanceOf(ParityException.class)
        .hasMessage(
            file
                + ": the recorded inventory is not JSON (line 2, column 12); run `parity apply"
                + " --env dev` to write it again");
  }

  record HostileCase(String name, JsonNode inventory, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The cases of tests/resources/inventory/hostile.txt, each built over a valid SSH node. */
  static List<HostileCase> hostileCases() throws Exception {
    List<HostileCase> cases = new ArrayList<>();
    String name = null;
    ObjectNode node = null;
    ObjectNode second = null;
    ObjectNode top = null;
    List<String> expected = new ArrayList<>();
    List<String> lines =
        new ArrayList<>(
            Files.readAllLines(Path.of("..", "tests", "resources", "inventory", "hostile.txt")));
    lines.add("=== end");
    for (String line : lines) {
      if (line.startsWith("=== ")) {
        if (name != null) {
          ObjectNode inv =
              inventory(second == null ? new ObjectNode[] {node} : new ObjectNode[] {node, second});
          inv.setAll(top);
          cases.add(new HostileCase(name, inv, List.copyOf(expected)));
        }
        name = line.substring(4);
        node = sshNode();
        second = null;
        top = JSON.createObjectNode();
        expected.clear();
      } else if (line.startsWith("node: ")) {
        node.setAll((ObjectNode) JSON.readTree(line.substring(6)));
      } else if (line.startsWith("ssh: ")) {
        ((ObjectNode) node.get("ssh")).setAll((ObjectNode) JSON.readTree(line.substring(5)));
      } else if (line.startsWith("inventory: ")) {
        top.setAll((ObjectNode) JSON.readTree(line.substring(11)));
      } else if (line.startsWith("second: ")) {
        second = node.deepCopy().setAll((ObjectNode) JSON.readTree(line.substring(8)));
      } else if (line.startsWith(">>> ")) {
        expected.add(line.substring(4));
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileCases")
  void aHostileInventoryIsRefusedNamingTheKey(HostileCase c) {
    List<String> problems = InventoryContract.problems(c.inventory(), "dev");
    assertThat(c.expected()).as("a case names what it expects").isNotEmpty();
    for (String e : c.expected()) {
      assertThat(problems).as(c.name()).anySatisfy(p -> assertThat(p).startsWith(e));
    }
    assertThatThrownBy(() -> InventoryContract.check(c.inventory(), "module (output)", "dev"))
        .isInstanceOf(ParityException.class);
  }
}
