package dev.parity.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.support.LocalStack;
import dev.parity.support.ParityCli.Run;
import dev.parity.support.ParityHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The pipelines end to end on the real stack: deploy three environments, roll PostgreSQL 16.2 ->
 * 16.4 through them (halting at staging, then resuming), status in parity, and reconcile finding
 * and repairing drift in each layer.
 */
@Tag("integration")
class PipelinesEndToEndTest {
  private static final List<String> ENVS = List.of("dev", "staging", "prod");
  private ParityHome home;
  private LocalStack stack;

  @BeforeEach
  void threeEnvironmentsAt162() throws Exception {
    home = ParityHome.copyOfRepository();
    stack = new LocalStack(home, home.env(Map.of()));
    home.removeEnvironments("local", "qa");
    home.write(
        "vars/common.yml",
        Files.readString(home.vars().resolve("common.yml"))
            .replace(
                "    - services.postgresql.settings.work_mem",
                "    - services.postgresql.settings.work_mem\n"
                    + "    - services.postgresql.probe"));
    home.write(
        "vars/dev.yml",
        Files.readString(home.vars().resolve("dev.yml"))
            .replace("services:\n  postgresql: { version: \"16.4\" }\n", ""));
  }

  @AfterEach
  void takeDown() throws Exception {
    stack.downAll();
    assertThat(stack.processes()).isEmpty();
    home.close();
  }

  private String sql(String env, String query) throws Exception {
    return stack.sql(env, 0, query);
  }

  @Test
  void deployRolloutStatusAndReconcile() throws Exception {
    for (String env : ENVS) {
      Run deploy = stack.parity("deploy", "--env", env, "--auto-approve");
      assertThat(deploy.exit()).as(deploy.all()).isZero();
      assertThat(deploy.out()).contains("== " + env + ": assert");
      try (Connection c = stack.connect(env, 0)) {
        c.createStatement().execute("CREATE TABLE orders (id int, item text)");
        c.createStatement().execute("INSERT INTO orders VALUES (1, 'kept through the rollout')");
      }
    }
    assertThat(stack.parity("deploy", "--env", "prod").exit())
        .as("nothing to change: no approval needed")
        .isZero();

    // A rollout whose assertion fails in staging halts there: prod untouched.
    String prodFile = Files.readString(home.vars().resolve("prod.yml"));
    List<Long> prodPids =
        stack.processes("prod").stream().map(ProcessHandle::pid).sorted().toList();
    home.append(
        "vars/staging.yml",
        // A probe that answers the old version whatever runs: staging answers before the rollout
        // (so the rollout starts) and its assertion fails after the upgrade (so it halts there).
        "services:\n  postgresql:\n    probe: { type: command, command: [\"echo\", \"16.2\"], "
            + "regex: \"(16.2)\" }\n");
    Run halted =
        stack.parity(
            "rollout",
            "--service",
            "postgresql",
            "--to",
            "16.4",
            "--envs",
            "dev,staging,prod",
            "--auto-approve");
    assertThat(halted.exit()).as(halted.all()).isEqualTo(2);
    assertThat(halted.err())
        .contains("stopped at staging")
        .contains("stopped at stage assert")
        .contains("Not touched: prod")
        .contains("--resume");
    assertThat(Files.readString(home.vars().resolve("prod.yml"))).isEqualTo(prodFile);
    assertThat(stack.processes("prod").stream().map(ProcessHandle::pid).sorted().toList())
        .isEqualTo(prodPids);
    assertThat(sql("prod", "SHOW server_version")).isEqualTo("16.2");
    assertThat(Files.readString(home.vars().resolve("staging.yml"))).contains("version: \"16.4\"");

    home.write(
        "vars/staging.yml",
        Files.readString(home.vars().resolve("staging.yml"))
            .replace(
                "    probe: { type: command, command: [\"echo\", \"16.2\"], regex: \"(16.2)\" }\n",
                ""));
    Run resumed =
        stack.parity(
            "rollout",
            "--service",
            "postgresql",
            "--to",
            "16.4",
            "--envs",
            "dev,staging,prod",
            "--auto-approve",
            "--resume");
    assertThat(resumed.exit()).as(resumed.all()).isZero();
    assertThat(resumed.out()).contains("dev already at postgresql 16.4 (resumed)");
    for (String env : ENVS) {
      assertThat(sql(env, "SHOW server_version")).isEqualTo("16.4");
      assertThat(sql(env, "SELECT item FROM orders WHERE id = 1"))
          .isEqualTo("kept through the rollout");
    }
    assertThat(Files.readString(home.vars().resolve("prod.yml")))
        .contains("# deletes and replaces need")
        .contains("postgresql:\n    version: \"16.4\"");
    assertThat(Files.readString(home.work().resolve("history/versions.jsonl")))
        .contains("\"environment\":\"prod\"");

    Run status = stack.parity("status", "--all");
    assertThat(status.exit()).as(status.all()).isZero();
    assertThat(status.out()).contains("postgresql    16.4    16.4     16.4").contains("in parity");

    // Drift in each layer: infrastructure (dev's state lost), configuration (a setting edited on a
    // staging node),
    // versions (a prod memcached node down).
    Files.delete(home.work().resolve("dev/terraform/terraform.tfstate"));
    Path conf = stack.node("staging", "db-0").resolve("postgresql/pgdata/parity.conf");
    Files.writeString(conf, Files.readString(conf) + "work_mem = '64MB'\n");
    Path pidfile = stack.node("prod", "cache-1").resolve("memcached/memcached.pid");
    ProcessHandle memcached =
        ProcessHandle.of(Long.parseLong(Files.readString(pidfile).strip())).orElseThrow();
    memcached.destroyForcibly();
    memcached.onExit().get();

    Run found = stack.parity("reconcile", "--all", "--parallel", "3");
    assertThat(found.exit()).as(found.all()).isEqualTo(2);
    assertThat(found.out())
        .contains("dev: drift found")
        .contains("infrastructure  1 drift")
        .contains("staging-db-0: postgresql : Write parity's settings")
        .contains("prod-cache-1 memcached is unreachable");

    Run restored = stack.parity("reconcile", "--all", "--restore", "--auto-approve");
    assertThat(restored.exit()).as(restored.all()).isZero();
    assertThat(restored.out()).contains("-> repaired");
    assertThat(stack.parity("reconcile", "--all").exit()).isZero();
    assertThat(stack.parity("status", "--all").exit()).isZero();
  }
}
