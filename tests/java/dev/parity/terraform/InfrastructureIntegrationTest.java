package dev.parity.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.support.ParityCli;
import dev.parity.support.ParityCli.Run;
import dev.parity.support.ParityHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** plan and apply with the real engine against the bundled module, in a copy of the repository. */
@Tag("integration")
class InfrastructureIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private ParityHome home;
  private Map<String, String> env;

  @BeforeEach
  void copyRepository() throws Exception {
    home = ParityHome.copyOfRepository();
    env = home.env(Map.of());
  }

  @AfterEach
  void removeIt() throws Exception {
    new dev.parity.support.LocalStack(home, env).downAll();
    home.close();
  }

  private Run parity(String... args) {
    return ParityCli.inMemory(env, args);
  }

  private JsonNode planRecord(String environment) throws Exception {
    return JSON.readTree(home.work().resolve(environment).resolve("plan/plan.json").toFile());
  }

  @Test
  void aFreshEnvironmentPlansItsNodesThenAppliesThenHasNoChanges() throws Exception {
    Run plan = parity("plan", "--env", "dev");
    assertThat(plan.exit()).as(plan.all()).isEqualTo(2);
    assertThat(plan.out())
        .contains("Plan for dev: 4 to create, 0 to update, 0 to replace, 0 to delete");
    // three lab hosts and their network
    assertThat(planRecord("dev").at("/summary/counts/create").asInt()).isEqualTo(4);

    Run apply = parity("apply", "--env", "dev");
    assertThat(apply.exit()).as(apply.all()).isZero();
    JsonNode inventory = JSON.readTree(home.work().resolve("dev/inventory.json").toFile());
    assertThat(inventory.path("nodes")).hasSize(3);
    assertThat(inventory.at("/nodes/0/ports/memcached").asInt())
        .isEqualTo(home.port("dev", "memcached", 0));
    assertThat(home.work().resolve("dev/plan/tfplan"))
        .as("an applied plan is not kept")
        .doesNotExist();

    Run again = parity("plan", "--env", "dev");
    assertThat(again.infrastructureInSync()).as(again.all()).isTrue();
    assertThat(again.out())
        .contains("Plan for dev: 0 to create, 0 to update, 0 to replace, 0 to delete");
    assertThat(again.exit())
        .as("applied, not yet configured: the change set still holds the configuration")
        .isEqualTo(2);

    home.write(
        "vars/dev.yml",
        Files.readString(home.vars().resolve("dev.yml"))
            .replace("topology: { db: 1, cache: 2 }", "topology: { db: 2, cache: 1 }"));
    Run change = parity("plan", "--env", "dev");
    assertThat(change.exit()).as(change.all()).isEqualTo(2);
    JsonNode summary = planRecord("dev").path("summary");
    assertThat(summary.at("/counts/create").asInt()).isEqualTo(1);
    assertThat(summary.at("/counts/delete").asInt()).isEqualTo(1);
    assertThat(summary.path("deletes").get(0).asText())
        .isEqualTo("terraform_data.host[\"cache-1\"]");
    assertThat(parity("apply", "--env", "dev").exit()).isZero();
    assertThat(parity("plan", "--env", "dev").infrastructureInSync()).isTrue();
  }

  @Test
  void aProtectedEnvironmentRefusesADeleteWithoutAllowDestroy() throws Exception {
    assertThat(parity("plan", "--env", "prod").exit()).isEqualTo(2);
    assertThat(parity("apply", "--env", "prod", "--auto-approve").exit()).isZero();
    home.write(
        "vars/prod.yml",
        Files.readString(home.vars().resolve("prod.yml"))
            .replace("topology: { db: 2, cache: 2 }", "topology: { db: 2, cache: 1 }"));
    Run plan = parity("plan", "--env", "prod");
    assertThat(plan.exit()).as(plan.all()).isEqualTo(2);

    Run unapproved = parity("apply", "--env", "prod");
    assertThat(unapproved.exit()).isEqualTo(1);
    assertThat(unapproved.err()).contains("prod is protected and `parity apply --env prod`");
    Run refused = parity("apply", "--env", "prod", "--auto-approve");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err())
        .contains("prod is protected and this plan destroys 1 resource(s)")
        .contains("delete  terraform_data.host[\"cache-1\"]")
        .contains("--allow-destroy")
        .doesNotContain("\tat ");
    assertThat(JSON.readTree(home.work().resolve("prod/inventory.json").toFile()).path("nodes"))
        .as("nothing was applied")
        .hasSize(4);

    Run allowed = parity("apply", "--env", "prod", "--auto-approve", "--allow-destroy");
    assertThat(allowed.exit()).as(allowed.all()).isZero();
    assertThat(JSON.readTree(home.work().resolve("prod/inventory.json").toFile()).path("nodes"))
        .hasSize(3);
  }

  @Test
  void applyRefusesAPlanWhoseVariablesOrModuleChangedSince() throws Exception {
    assertThat(parity("plan", "--env", "qa").exit()).isEqualTo(2);
    home.append("vars/qa.yml", "sizing: { cache: { memory_mb: 512 } }\n");
    Run refused = parity("apply", "--env", "qa");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err())
        .contains("the variable set of qa changed since the plan was made")
        .contains("parity plan --env qa");
    assertThat(home.work().resolve("qa/inventory.json")).doesNotExist();

    assertThat(parity("plan", "--env", "qa").exit()).isEqualTo(2);
    home.append("terraform/lab/outputs.tf", "\noutput \"extra\" {\n  value = 1\n}\n");
    Run moduleChanged = parity("apply", "--env", "qa");
    assertThat(moduleChanged.exit()).isEqualTo(1);
    assertThat(moduleChanged.err())
        .contains("the Terraform module")
        .contains("changed since the plan was made");
  }

  @Test
  void applyWithoutAPlanSaysWhatToRun() {
    Run r = parity("apply", "--env", "staging");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains("no saved plan for staging: run `parity plan --env staging` first");
  }

  @Test
  void twoConcurrentAppliesOnOneEnvironmentOneProceedsTheOtherNamesTheHolder() throws Exception {
    home.slowApplies();
    assertThat(parity("plan", "--env", "dev").exit()).isEqualTo(2);
    try (ParityCli.Running first = ParityCli.start(env, "apply", "--env", "dev")) {
      awaitLockHeldBy(first, home.work().resolve("dev/parity.lock"));
      Instant start = Instant.now();
      Run second = ParityCli.start(env, "apply", "--env", "dev").await(Duration.ofSeconds(60));
      assertThat(second.exit()).as(second.out()).isEqualTo(1);
      assertThat(second.out())
          .contains(
              "environment dev is locked by another parity run: parity apply (pid "
                  + first.process().pid());
      assertThat(Duration.between(start, Instant.now()))
          .as("fails fast, does not wait for the holder")
          .isLessThan(Duration.ofSeconds(6));
      Run firstRun = first.await(Duration.ofMinutes(2));
      assertThat(firstRun.exit()).as(firstRun.out()).isZero();
    }
    Run after = parity("plan", "--env", "dev");
    assertThat(after.infrastructureInSync()).as("state intact: " + after.all()).isTrue();
  }

  @Test
  void theEngineKilledMidApplyFailsTheRunAndTheNextRunRecovers() throws Exception {
    home.slowApplies();
    assertThat(parity("plan", "--env", "local").exit()).isEqualTo(2);
    Run killed;
    try (ParityCli.Running apply = ParityCli.start(env, "apply", "--env", "local")) {
      // Killed once the apply is creating resources (its lock taken, state being written).
      apply.awaitOutput("terraform_data.slow: Creating...");
      ProcessHandle engine = apply.awaitDescendant("tofu", " apply ");
      engine.destroyForcibly();
      killed = apply.await(Duration.ofMinutes(1));
    }
    assertThat(killed.exit()).as(killed.out()).isEqualTo(1);
    assertThat(killed.out()).as("killed mid-apply").doesNotContain("Apply complete!");
    assertThat(killed.out())
        .contains("tofu apply was killed (signal 9")
        .contains("parity plan --env local")
        .doesNotContain("\tat ");

    Run replan = parity("plan", "--env", "local");
    assertThat(replan.exit()).as(replan.all()).isIn(0, 2);
    if (!replan.infrastructureInSync()) {
      Run apply = parity("apply", "--env", "local");
      assertThat(apply.exit()).as(apply.all()).isZero();
    }
    assertThat(parity("plan", "--env", "local").infrastructureInSync()).isTrue();
  }

  static void awaitLockHeldBy(ParityCli.Running running, Path lockFile) throws Exception {
    org.awaitility.Awaitility.await("the first apply takes the lock")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              if (Files.exists(lockFile)
                  && Files.readString(lockFile).contains("\"pid\":" + running.process().pid())) {
                return true;
              }
              if (!running.process().isAlive()) {
                throw new AssertionError(
                    "the first apply ended before taking the lock: "
                        + running.await(Duration.ZERO));
              }
              return false;
            });
  }
}
