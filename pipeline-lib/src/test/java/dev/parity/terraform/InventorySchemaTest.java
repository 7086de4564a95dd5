package dev.parity.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.error.ParityException;
import dev.parity.text.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The inventory contract: what a module's output must be, and every problem named by its key. */
class InventorySchemaTest {
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
    assertThat(InventorySchema.problems(inventory(sshNode()))).isEmpty();
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
    assertThat(InventorySchema.problems(local)).isEmpty();
  }

  @Test
  void everyProblemIsNamedByItsKeyAndNothingIsGuessed() {
    ObjectNode bad = sshNode();
    bad.put("connection", "winrm");
    ((ObjectNode) bad.get("ssh")).put("port", "22");
    bad.remove("data_dir");
    bad.put("instance_id", "i-123");
    ObjectNode hostile = sshNode().put("name", "db-0; rm -rf /");
    assertThat(InventorySchema.problems(inventory(bad, hostile)))
        .anySatisfy(p -> assertThat(p).startsWith("nodes[0].connection: "))
        .anySatisfy(p -> assertThat(p).startsWith("nodes[0].ssh.port: "))
        .anySatisfy(p -> assertThat(p).startsWith("nodes[0].data_dir: "))
        .anySatisfy(p -> assertThat(p).startsWith("nodes[0]").contains("instance_id"))
        .anySatisfy(p -> assertThat(p).startsWith("nodes[1].name: "));
    assertThatThrownBy(() -> InventorySchema.check(inventory(bad), "terraform/team (output)"))
        .isInstanceOf(ParityException.class)
        .hasMessageStartingWith("terraform/team (output): the inventory output does not meet");
  }

  @Test
  void aDataDirThatDownCouldNotSafelyRemoveIsRefused() {
    for (String dir :
        new String[] {"/", "/srv", "/srv/", "/var/lib/../..", "/var/./lib", "srv/x"}) {
      assertThat(InventorySchema.problems(inventory(sshNode().put("data_dir", dir))))
          .as(dir)
          .anySatisfy(p -> assertThat(p).startsWith("nodes[0].data_dir: "));
    }
    for (String dir : new String[] {"/srv/parity", "/var/lib/parity/dev-db-0", "/srv/.parity/x"}) {
      assertThat(InventorySchema.problems(inventory(sshNode().put("data_dir", dir))))
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
}
