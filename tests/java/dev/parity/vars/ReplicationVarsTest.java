package dev.parity.vars;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.check.Finding;
import dev.parity.check.ParityChecker;
import dev.parity.check.ParityReport;
import dev.parity.check.VersionHistory;
import dev.parity.render.ToolVars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** services.postgresql.replication: bound, judged by check, handed to the playbooks only. */
class ReplicationVarsTest {
  @TempDir Path dir;

  private VarSet load(String staging, String prod) throws Exception {
    Files.writeString(
        dir.resolve("common.yml"),
        """
        schema: parity/v1
        project: shop
        services:
          postgresql:
            version: "16.2"
            role: db
            port: 5432
            replication: { mode: streaming, password_secret: replication_password }
        topology: { db: 2 }
        secrets: { replication_password: { generate: true } }
        parity:
          promotion: [local, staging, prod]
          prod_like: [staging, prod]
        """);
    Files.writeString(
        dir.resolve("local.yml"),
        """
        environment: local
        topology: { db: 1 }
        services: { postgresql: { replication: { mode: none } } }
        """);
    Files.writeString(
        dir.resolve("staging.yml"),
        "environment: staging\nnetwork: { port_offset: 100 }\n" + staging);
    Files.writeString(
        dir.resolve("prod.yml"), "environment: prod\nnetwork: { port_offset: 200 }\n" + prod);
    VarSet set = new VarSetLoader().load(dir);
    assertThat(set.problems()).isEmpty();
    return set;
  }

  private ParityReport check(VarSet set) {
    return new ParityChecker(
            set.policy(),
            VersionHistory.inWorkDir(dir.resolve("work")),
            Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC))
        .check(set.inPromotionOrder());
  }

  @Test
  void streamingIsBoundWithTheDefaultLagLimitAndItsSecret() throws Exception {
    ServiceSpec pg = load("", "").environment("prod").services().get("postgresql");
    assertThat(pg.streams()).isTrue();
    assertThat(pg.replication().maxLagBytes()).isEqualTo(16L * 1024 * 1024);
    assertThat(pg.replication().passwordSecret()).isEqualTo("replication_password");
  }

  @Test
  void prodLikeEnvironmentsThatReplicateDifferentlyAreAnErrorWhileLocalMayRunOneNodeWithout()
      throws Exception {
    VarSet same = load("", "");
    assertThat(check(same).findings()).noneMatch(f -> f.rule().equals("replication"));

    VarSet differ = load("services: { postgresql: { replication: { mode: none } } }\n", "");
    assertThat(check(differ).findings())
        .filteredOn(f -> f.rule().equals("replication"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(dev.parity.check.Severity.ERROR);
              assertThat(f.message())
                  .contains("prod-like environments (prod, staging) replicate postgresql")
                  .contains("prod=streaming, staging=none");
            });
    assertThat(check(differ).findings().stream().map(Finding::path))
        .doesNotContain("services.postgresql.replication.max_lag_bytes");
  }

  @Test
  void aLagLimitMayDifferBetweenEnvironments() throws Exception {
    VarSet set =
        load("services: { postgresql: { replication: { max_lag_bytes: 1048576 } } }\n", "");
    assertThat(check(set).findings())
        .noneMatch(f -> f.rule().equals("replication") || f.rule().equals("difference"));
  }

  @Test
  void thePlaybooksGetTheReplicationAndTheModuleDoesNot() throws Exception {
    EnvironmentSpec prod = load("", "").environment("prod");
    ObjectMapper json = new ObjectMapper();
    JsonNode ansible = json.readTree(ToolVars.ansible(prod));
    assertThat(ansible.at("/parity/services/postgresql/replication/mode").asText())
        .isEqualTo("streaming");
    assertThat(ansible.at("/parity/services/postgresql/replication/password_secret").asText())
        .isEqualTo("replication_password");
    JsonNode terraform = json.readTree(ToolVars.terraform(prod));
    assertThat(terraform.at("/services/postgresql").has("replication")).isFalse();
  }

  @Test
  void clientsGetAMultiHostStringForAStreamingRoleAndAPlainOneForASingleNode() throws Exception {
    VarSet set = load("", "");
    JsonNode inventory =
        new ObjectMapper()
            .readTree(
                """
                {"nodes": [
                  {"name": "prod-db-0", "role": "db", "index": 0, "address": "10.0.3.10",
                   "ports": {"postgresql": 5432}},
                  {"name": "prod-db-1", "role": "db", "index": 1, "address": "10.0.3.11",
                   "ports": {"postgresql": 5432}}]}
                """);
    assertThat(dev.parity.assertion.ClientConnection.of(set.environment("prod"), inventory))
        .containsExactly(
            new dev.parity.assertion.ClientConnection(
                "postgresql",
                "host=10.0.3.10,10.0.3.11 port=5432,5432 dbname=postgres"
                    + " target_session_attrs=read-write",
                "host=10.0.3.10,10.0.3.11 port=5432,5432 dbname=postgres"
                    + " target_session_attrs=prefer-standby"));
    JsonNode one =
        new ObjectMapper()
            .readTree(
                """
                {"nodes": [{"name": "local-db-0", "role": "db", "index": 0,
                  "address": "127.0.0.1", "ports": {"postgresql": 15432}}]}
                """);
    assertThat(dev.parity.assertion.ClientConnection.of(set.environment("local"), one))
        .containsExactly(
            new dev.parity.assertion.ClientConnection(
                "postgresql", "host=127.0.0.1 port=15432 dbname=postgres", null));
  }
}
