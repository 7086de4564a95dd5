package dev.parity.ansible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.error.ParityException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tools hand back cannot hurt: hostile inventories are refused, broken results are read
 * safely.
 */
class HostileToolOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Inventory.Access LOCAL =
      new Inventory.Access(
          "/usr/bin/python3", null, dev.parity.vars.EnvironmentSpec.Ssh.DEFAULTS, "parity", true);
  @TempDir Path dir;

  @Test
  void anInventoryWithAMaliciousHostNameIsRefusedByName() throws Exception {
    for (String name :
        new String[] {"db-0; rm -rf /", "../../etc/passwd", "$(id)", "a\nb", "UPPER"}) {
      var inventory = JSON.createObjectNode();
      var node = inventory.putArray("nodes").addObject();
      node.put("name", name).put("role", "db").put("address", "127.0.0.1");
      assertThatThrownBy(() -> Inventory.from(inventory, LOCAL))
          .isInstanceOf(ParityException.class)
          .hasMessageContaining("unusable node name")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void anInventoryWithAHostileAddressOrRoleIsRefused() {
    var inventory = JSON.createObjectNode();
    inventory
        .putArray("nodes")
        .addObject()
        .put("name", "db-0")
        .put("role", "db")
        .put("address", "127.0.0.1 ansible_connection=ssh");
    assertThatThrownBy(() -> Inventory.from(inventory, LOCAL))
        .hasMessageContaining("unusable address of db-0");
    var noNodes = JSON.createObjectNode().put("nodes", "not a list");
    assertThatThrownBy(() -> Inventory.from(noNodes, LOCAL))
        .hasMessageContaining("has no nodes list");
  }

  @Test
  void truncatedOrInvalidResultLinesAreSkippedAndTheRestIsRead() throws Exception {
    Path results = dir.resolve("results.jsonl");
    Files.writeString(
        results,
        String.join(
            "\n",
            "{\"event\":\"task\",\"status\":\"ok\",\"host\":\"h1\",\"task\":\"t1\",\"changed\":true,\"msg\":\"\"}",
            "not json at all",
            "[1,2,3]",
            "{\"event\":\"stats\",\"host\":\"h1\",\"ok\":1,\"changed\":1,\"failures\":0,\"unreachable\":0,\"skipped\":0}",
            "{\"event\":\"task\",\"status\":\"failed\",\"host\":\"h2\",\"task\":\"t2\",\"chan"));
    PlayResults read = PlayResults.read(results);
    assertThat(read.tasks()).extracting(PlayResults.TaskResult::task).containsExactly("t1");
    assertThat(read.stats()).containsOnlyKeys("h1");
    assertThat(read.totalChanged()).isEqualTo(1);
  }

  @Test
  void aHugeResultsFileIsReadLineByLine() throws Exception {
    Path results = dir.resolve("results.jsonl");
    String line =
        "{\"event\":\"task\",\"status\":\"ok\",\"host\":\"h\",\"task\":\"t\",\"changed\":false,\"msg\":\""
            + "x".repeat(2000)
            + "\"}\n";
    try (var out = Files.newBufferedWriter(results)) {
      for (int i = 0; i < 20_000; i++) {
        out.write(line);
      }
    }
    assertThat(Files.size(results)).isGreaterThan(40_000_000L);
    assertThat(PlayResults.read(results).tasks()).hasSize(20_000);
  }

  @Test
  void aMissingResultsFileMeansNoResultsNotACrash() throws Exception {
    assertThat(PlayResults.read(dir.resolve("none.jsonl")).tasks()).isEmpty();
  }
}
