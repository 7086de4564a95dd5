package dev.parity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A rollout step that changes an environment's verdict is told, to a real receiver on loopback: a
 * halted step errs the environment, the resumed step that deploys and asserts resolves it.
 */
class RolloutNotifyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<JsonNode> told = new CopyOnWriteArrayList<>();
  private HttpServer receiver;
  private FakeToolsLocal local;

  @BeforeEach
  void aReceiverAndATarget() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/",
        exchange -> {
          told.add(JSON.readTree(exchange.getRequestBody()));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    local = new FakeToolsLocal(false);
    local.env.put(
        "SHOP_NOTIFY_URL", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    Files.writeString(
        local.home.vars().resolve("common.yml"),
        Files.readString(local.home.vars().resolve("common.yml"))
            + "notify:\n  ops-room: { url: { env: SHOP_NOTIFY_URL }, format: json }\n");
  }

  @AfterEach
  void stop() throws Exception {
    receiver.stop(0);
    local.close();
  }

  @Test
  void aHaltedStepErrsTheEnvironmentOnceAndItIsTold() {
    local.tools.playbookExit = 2; // a task fails on a host during the deploy
    FakeToolsLocal.Run halted =
        local.parity("rollout", "--service", "postgresql", "--to", "16.4", "--envs", "local");
    assertThat(halted.exit()).as(halted.all()).isNotZero();
    assertThat(told)
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
    assertThat(told).as("still errored: not told again the same day").hasSize(1);
  }
}
