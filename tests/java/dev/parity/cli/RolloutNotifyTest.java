package dev.parity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.support.LoopbackReceiver;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A rollout step that changes an environment's verdict is told, to a real receiver on loopback: a
 * halted step errs the environment, the resumed step that deploys and asserts resolves it.
 */
class RolloutNotifyTest {
  private LoopbackReceiver receiver;
  private FakeToolsLocal local;

  @BeforeEach
  void aReceiverAndATarget() throws Exception {
    receiver = LoopbackReceiver.start();
    local = new FakeToolsLocal(false);
    local.env.put("SHOP_NOTIFY_URL", receiver.url("/hook"));
    Files.writeString(
        local.home.vars().resolve("common.yml"),
        Files.readString(local.home.vars().resolve("common.yml"))
            + "notify:\n  ops-room: { url: { env: SHOP_NOTIFY_URL }, format: json }\n");
  }

  @AfterEach
  void stop() throws Exception {
    receiver.close();
    local.close();
  }

  @Test
  void aHaltedStepErrsTheEnvironmentOnceAndItIsTold() {
    local.tools.playbookExit = 2; // a task fails on a host during the deploy
    FakeToolsLocal.Run halted =
        local.parity("rollout", "--service", "postgresql", "--to", "16.4", "--envs", "local");
    assertThat(halted.exit()).as(halted.all()).isNotZero();
    assertThat(receiver.bodies())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.path("event").asText()).isEqualTo("errored");
              assertThat(m.path("environment").asText()).isEqualTo("local");
              assertThat(m.path("what").get(0).asText()).contains("stopped at local");
            });

    FakeToolsLocal.Run again =
        local.parity(
            "rollout", "--service", "postgresql", "--to", "16.4", "--envs", "local", "--resume");
    assertThat(again.exit()).as(again.all()).isNotZero();
    assertThat(receiver.bodies()).as("still errored: not told again the same day").hasSize(1);
  }
}
