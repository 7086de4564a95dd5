package dev.parity.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.support.LocalStack;
import dev.parity.support.LoopbackReceiver;
import dev.parity.support.ParityCli.Run;
import dev.parity.support.ParityHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Expected drift on the real local stack and real OpenTofu: a node's disk size changed outside
 * parity (in the state, as a cloud resizing a disk would show) is listed as expected and left
 * alone; a second change on the same resource still counts, and the repair that would revert the
 * expected one is refused; an entry past its expiry fails check and reconcile naming its owner. A
 * real HTTP receiver on loopback hears once per change of verdict, through the real CLI.
 */
@Tag("integration")
class ExpectedDriftIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENTRY =
      "parity:\n"
          + "  expected_drift:\n"
          + "    - terraform: terraform_data.node[\"db-0\"].input.sizing.disk_gb\n"
          + "      reason: the storage team grows disks by hand until autoscaling lands\n"
          + "      owner: storage-team\n"
          + "      expires: EXPIRES\n";
  private static final String TOKEN = "hook-token-5f2e9a";
  private LoopbackReceiver receiver;
  private ParityHome home;
  private LocalStack stack;

  @BeforeEach
  void localStack() throws Exception {
    receiver = LoopbackReceiver.start();
    String url = receiver.url("/hooks/" + TOKEN);
    home = ParityHome.copyOfRepository();
    stack = new LocalStack(home, home.env(Map.of("SHOP_NOTIFY_URL", url)));
    home.removeEnvironments("dev", "qa", "staging", "prod");
    home.append(
        "vars/common.yml",
        "notify:\n  ops-room: { url: { env: SHOP_NOTIFY_URL }, format: json }\n");
  }

  @AfterEach
  void takeDown() throws Exception {
    receiver.close();
    stack.downAll();
    home.close();
  }

  private List<String> events() {
    return receiver.bodies().stream().map(m -> m.path("event").asText()).toList();
  }

  /** Edits db-0's input in the local backend's state, as a change made outside the engine. */
  private void changeOutside(String key, JsonNode value) throws Exception {
    Path state = home.work().resolve("local/terraform/terraform.tfstate");
    ObjectNode doc = (ObjectNode) JSON.readTree(state.toFile());
    for (JsonNode resource : doc.path("resources")) {
      for (JsonNode instance : resource.path("instances")) {
        if (instance.path("index_key").asText().equals("db-0")) {
          JsonNode input = instance.path("attributes").path("input").path("value");
          if (key.contains(".")) {
            String[] parts = key.split("\\.");
            ((ObjectNode) input.path(parts[0])).set(parts[1], value);
          } else {
            ((ObjectNode) input).set(key, value);
          }
        }
      }
    }
    doc.put("serial", doc.path("serial").asLong() + 1);
    Files.writeString(state, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
  }

  @Test
  void driftOnAnExpectedAttributeIsListedNotCountedAndARealChangeBesideItStillCounts()
      throws Exception {
    Run deploy = stack.parity("deploy", "--env", "local");
    assertThat(deploy.exit()).as(deploy.all()).isZero();
    home.append("vars/local.yml", ENTRY.replace("EXPIRES", "2099-01-01"));

    changeOutside("sizing.disk_gb", JSON.getNodeFactory().numberNode(50));
    Run expected = stack.parity("reconcile", "--env", "local");
    assertThat(expected.exit()).as(expected.all()).isZero();
    assertThat(expected.out())
        .contains("local: no drift")
        .contains("expected        1 (not counted)")
        .contains(
            "terraform_data.node[\"db-0\"] input.sizing.disk_gb (expected: the storage team grows"
                + " disks by hand until autoscaling lands; owner storage-team, expires 2099-01-01");
    assertThat(events()).as("in parity on the first night: nothing to tell").isEmpty();
    Run restored = stack.parity("reconcile", "--env", "local", "--restore");
    assertThat(restored.exit()).as("nothing to repair: " + restored.all()).isZero();
    assertThat(stack.parity("plan", "--env", "local").out())
        .as("the expected change is left as it is")
        .contains("1 to update");

    changeOutside("data_dir", JSON.getNodeFactory().textNode("/srv/moved-by-hand"));
    Run real = stack.parity("reconcile", "--env", "local");
    assertThat(real.exit()).as(real.all()).isEqualTo(2);
    assertThat(real.out())
        .contains("update not expected: terraform_data.node[\"db-0\"]")
        .contains("input.sizing.disk_gb (expected:")
        .contains("notify: 1 message(s) sent");
    assertThat(events()).containsExactly("drifted");
    assertThat(receiver.bodies().get(0).path("what").toString())
        .contains("update not expected: terraform_data.node[\\\"db-0\\\"]");
    Run refused = stack.parity("reconcile", "--env", "local", "--restore");
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    assertThat(refused.out())
        .contains("repair refused: applying the plan would also revert expected drift");
    assertThat(events()).as("the run could not decide: told").containsExactly("drifted", "errored");

    home.write(
        "vars/local.yml",
        Files.readString(home.vars().resolve("local.yml")).replace("2099-01-01", "2026-01-01"));
    Run check = stack.parity("check");
    assertThat(check.exit()).as(check.all()).isEqualTo(2);
    assertThat(check.out())
        .contains("expected-drift-expired")
        .contains("expired on 2026-01-01: storage-team should renew it");
    Run expired = stack.parity("reconcile", "--env", "local");
    assertThat(expired.exit()).as(expired.all()).isEqualTo(1);
    assertThat(expired.out())
        .contains("expected drift expired: terraform terraform_data.node[\"db-0\"]")
        .contains("owner storage-team, expires 2026-01-01");
    assertThat(events()).as("still errored the same day: not told again").hasSize(2);
    for (Run run : List.of(expected, restored, real, refused, check, expired)) {
      assertThat(run.all()).doesNotContain(TOKEN);
    }
  }
}
