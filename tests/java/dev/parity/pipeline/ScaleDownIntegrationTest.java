package dev.parity.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.support.LocalStack;
import dev.parity.support.ParityCli.Run;
import dev.parity.support.ParityHome;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A role scaled down (db 2 -> 1) on the real local stack: the node that leaves has its services
 * stopped and its data removed before its resource is destroyed, so nothing of it keeps running
 * outside every inventory; the node that stays keeps its process and its rows.
 */
@Tag("integration")
class ScaleDownIntegrationTest {
  private ParityHome home;
  private LocalStack stack;

  @BeforeEach
  void localWithTwoDbNodes() throws Exception {
    home = ParityHome.copyOfRepository();
    stack = new LocalStack(home, home.env(Map.of()));
    home.removeEnvironments("dev", "qa", "staging", "prod");
    home.append("vars/local.yml", "topology: { db: 2, cache: 1 }\n");
  }

  @AfterEach
  void takeDown() throws Exception {
    stack.downAll();
    home.close();
  }

  private List<Long> pidsOf(String node) {
    String dir = stack.node("local", node) + "/";
    return stack.processes("local").stream()
        .filter(p -> LocalStack.arguments(p).contains(dir))
        .map(ProcessHandle::pid)
        .sorted()
        .toList();
  }

  @Test
  void theNodeThatLeavesIsStoppedAndItsDataRemovedBeforeItsResourceIsDestroyed() throws Exception {
    Run first = stack.parity("deploy", "--env", "local");
    assertThat(first.exit()).as(first.all()).isZero();
    assertThat(pidsOf("db-1")).isNotEmpty();
    List<Long> staying = pidsOf("db-0");
    stack.sql("local", 0, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (1)");

    home.write(
        "vars/local.yml",
        Files.readString(home.vars().resolve("local.yml"))
            .replace("topology: { db: 2, cache: 1 }", "topology: { db: 1, cache: 1 }"));
    Run plan = stack.parity("plan", "--env", "local");
    assertThat(plan.out())
        .contains("delete  terraform_data.node[\"db-1\"]")
        .contains("local-db-1: " + stack.node("local", "db-1") + " (the node leaves the topology)");

    Run scaled = stack.parity("deploy", "--env", "local");
    assertThat(scaled.exit()).as(scaled.all()).isZero();
    assertThat(scaled.out()).contains("local-db-1 leave(s) the topology: stopping their services");
    // a server told to stop may take a moment to exit
    org.awaitility.Awaitility.await("nothing of the node that left keeps running")
        .atMost(java.time.Duration.ofSeconds(5))
        .pollInterval(java.time.Duration.ofMillis(100))
        .until(() -> pidsOf("db-1").isEmpty());
    assertThat(stack.node("local", "db-1")).doesNotExist();
    assertThat(pidsOf("db-0")).isEqualTo(staying);
    assertThat(stack.sql("local", 0, "SELECT count(*) FROM kept")).isEqualTo("1");
  }
}
