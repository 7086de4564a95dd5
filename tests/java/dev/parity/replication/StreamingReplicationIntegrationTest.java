package dev.parity.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.support.LocalStack;
import dev.parity.support.ParityCli.Run;
import dev.parity.support.ParityHome;
import dev.parity.terraform.PgBackendIntegrationTest;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A replicated role on two lab hosts (real SSH hosts, real PostgreSQL): the second node is cloned
 * hot from the first and streams from it; a standby that stops streaming fails assert and is
 * repaired by reconcile --restore; a second primary is refused before any node is touched.
 */
@Tag("integration")
class StreamingReplicationIntegrationTest {
  private ParityHome home;
  private Run deployed;

  @BeforeEach
  void copyRepository() throws Exception {
    home = ParityHome.copyOfRepository();
  }

  @AfterEach
  void takeDown() throws Exception {
    new LocalStack(home, home.env(Map.of())).downAll();
    home.close();
  }

  /** dev on two lab db hosts, streaming (dev is not prod-like: the bundled others need not). */
  private LocalStack replicatedDev() throws Exception {
    home.useLab("dev", "{ db: 2, cache: 1 }", null);
    String dev = Files.readString(home.vars().resolve("dev.yml"));
    home.write(
        "vars/dev.yml",
        dev.replace(
                "postgresql: { port: 5432 }",
                "postgresql:\n    version: \"16.2\"\n    port: 5432\n    replication:"
                    + " { mode: streaming, password_secret: replication_password }")
            .replace("secrets:\n", "secrets:\n  replication_password: { generate: true }\n"));
    return new LocalStack(home, home.env(Map.of()));
  }

  /** pg_is_in_recovery() of the server libpq picks for the connection string. */
  private String libpq(String conninfo) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                "psql", conninfo + " user=postgres", "-Atc", "SELECT pg_is_in_recovery()")
            .redirectErrorStream(true);
    pb.environment()
        .put(
            "PGPASSWORD", Files.readString(home.work().resolve("secrets/dev/db_password")).strip());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  /** replicatedDev, deployed. */
  private LocalStack deployedReplicatedDev() throws Exception {
    LocalStack stack = replicatedDev();
    deployed = stack.parity("deploy", "--env", "dev");
    assertThat(deployed.exit()).as(deployed.all()).isZero();
    return stack;
  }

  /** The table the tests count rows in, with its first row written on the primary. */
  private static void firstOrder(LocalStack stack) throws Exception {
    stack.sql(
        "dev",
        0,
        "CREATE TABLE orders (id int PRIMARY KEY, item text);"
            + " INSERT INTO orders VALUES (1, 'first')");
  }

  private static void awaitRow(LocalStack stack, int node, String expected) throws Exception {
    Instant until = Instant.now().plus(Duration.ofSeconds(20));
    String seen = null;
    while (Instant.now().isBefore(until)) {
      seen = stack.sql("dev", node, "SELECT string_agg(item, ',' ORDER BY id) FROM orders");
      if (expected.equals(seen)) {
        return;
      }
      Thread.sleep(200);
    }
    assertThat(seen).as("rows on dev-db-" + node).isEqualTo(expected);
  }

  @Test
  void theSecondNodeIsAHotCloneThatStreamsIsRepairedWhenItStopsAndIsPatchedBeforeThePrimary()
      throws Exception {
    LocalStack stack = deployedReplicatedDev();
    assertThat(Files.exists(stack.node("dev", "db-1").resolve("postgresql/pgdata/standby.signal")))
        .as("db-1 is a standby")
        .isTrue();
    assertThat(Files.exists(stack.node("dev", "db-0").resolve("postgresql/pgdata/standby.signal")))
        .isFalse();

    firstOrder(stack);
    awaitRow(stack, 1, "first");
    assertThatThrownBy(() -> stack.sql("dev", 1, "INSERT INTO orders VALUES (2, 'lost')"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("read-only transaction");

    Run asserted = stack.parity("assert", "--env", "dev", "--format", "json");
    assertThat(asserted.exit()).as(asserted.all()).isZero();
    var results = new ObjectMapper().readTree(asserted.out()).findValue("results");
    assertThat(results.toString())
        .contains("\"observed\":\"dev-db-0\"")
        .contains("primary, 1 standby(s) streaming")
        .contains("standby, streaming");

    // status gives the libpq strings clients use: libpq itself (psql) finds the primary with one
    // and
    // a standby with the other.
    Run status = stack.parity("status", "--env", "dev", "--format", "json");
    var connection = new ObjectMapper().readTree(status.out()).findValue("connections").get(0);
    assertThat(libpq(connection.path("readWrite").asText())).isEqualTo("f");
    assertThat(libpq(connection.path("reads").asText())).isEqualTo("t");

    // A second run changes nothing: the clone, the role and the slot are not made again.
    Run again = stack.configure("dev");
    assertThat(again.exit()).as(again.all()).isZero();
    assertThat(again.out())
        .contains("dev-db-1")
        .doesNotContainPattern("dev-db-\\d +: ok=\\d+ +changed=[1-9]");

    // The standby's login is taken away and its stream cut: assert fails, reconcile finds it,
    // --restore puts the role's login back and the standby streams again with every row.
    try (Connection primary = stack.connect("dev", 0);
        var st = primary.createStatement()) {
      st.execute("ALTER ROLE parity_replication NOLOGIN");
      st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_replication");
      st.execute("INSERT INTO orders VALUES (2, 'while it was cut off')");
    }
    Thread.sleep(1000);
    Run broken = stack.parity("assert", "--env", "dev");
    assertThat(broken.exit()).as(broken.all()).isEqualTo(2);
    assertThat(broken.all())
        .contains("dev-db-1 postgresql is a standby that does not stream from dev-db-0");
    Run drift = stack.parity("reconcile", "--env", "dev");
    assertThat(drift.exit()).as(drift.all()).isEqualTo(2);
    Run restore = stack.parity("reconcile", "--env", "dev", "--restore");
    assertThat(restore.exit()).as(restore.all()).isZero();
    awaitRow(stack, 1, "first,while it was cut off");
    Run healed = stack.parity("assert", "--env", "dev");
    assertThat(healed.exit()).as(healed.all()).isZero();

    // A patch reaches the standby first, the primary after it; every row is still there.
    Run rollout =
        stack.parity("rollout", "--service", "postgresql", "--to", "16.4", "--envs", "dev");
    assertThat(rollout.exit()).as(rollout.all()).isZero();
    assertThat(rollout.out())
        .contains("dev-db-0: the primary runs")
        .contains("after its standbys have");
    assertThat(rollout.out().indexOf("dev-db-1: PostgreSQL runs"))
        .as("the standby restarted on the new build before the primary")
        .isPositive()
        .isLessThan(rollout.out().indexOf("dev-db-0: PostgreSQL runs"));
    for (int node : new int[] {0, 1}) {
      assertThat(stack.sql("dev", node, "SELECT current_setting('server_version')"))
          .isEqualTo("16.4");
    }
    awaitRow(stack, 1, "first,while it was cut off");
    Run patched = stack.parity("assert", "--env", "dev");
    assertThat(patched.exit()).as(patched.all()).isZero();

    // The replication password is a secret: in no output, no file left behind on the controller.
    String password =
        Files.readString(home.work().resolve("secrets/dev/replication_password")).strip();
    for (Run r :
        new Run[] {deployed, asserted, again, broken, drift, restore, healed, rollout, patched}) {
      assertThat(r.all()).doesNotContain(password);
    }
    assertThat(PgBackendIntegrationTest.filesContaining(home.work().resolve("dev"), password))
        .as("files in the work dir holding the replication password")
        .isEmpty();
  }

  @Test
  void aSecondPrimaryIsRefusedBeforeAnyNodeIsTouched() throws Exception {
    LocalStack stack = deployedReplicatedDev();
    // Someone promotes the standby by hand: two nodes now take writes.
    stack.sql("dev", 1, "SELECT pg_promote()");
    Instant until = Instant.now().plus(Duration.ofSeconds(20));
    while (Files.exists(stack.node("dev", "db-1").resolve("postgresql/pgdata/standby.signal"))
        && Instant.now().isBefore(until)) {
      Thread.sleep(200);
    }
    Run asserted = stack.parity("assert", "--env", "dev");
    assertThat(asserted.exit()).as(asserted.all()).isEqualTo(2);
    assertThat(asserted.all()).contains("2 nodes are postgresql primaries (dev-db-0, dev-db-1)");

    Run refused = stack.configure("dev");
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    assertThat(refused.err())
        .contains("dev-db-0 and dev-db-1 each hold a primary's data")
        .contains("parity never runs two primaries")
        .doesNotContain("\tat ");
    assertThat(refused.out()).doesNotContain("TASK [postgresql : Node facts]");
  }

  @Test
  void aStandbyThatDoesNotStartOnTheNewBuildHaltsTheRolloutWithThePrimaryUntouchedAndWritable()
      throws Exception {
    LocalStack stack = deployedReplicatedDev();
    firstOrder(stack);

    // db-1 holds a 16.4 build that says it is 16.4 but never starts (a damaged install).
    java.nio.file.Path broken = stack.node("dev", "db-1").resolve("postgresql/pgsql-16.4/bin");
    Files.createDirectories(broken);
    Files.copy(
        dev.parity.toolchain.ToolCache.fromEnvironment()
            .postgresqlDir("16.4")
            .resolve("bin/pg_ctl"),
        broken.resolve("pg_ctl"));
    Files.writeString(
        broken.resolve("postgres"),
        "#!/bin/sh\n"
            + "[ \"$1\" = --version ] || [ \"$1\" = -V ] && { echo 'postgres (PostgreSQL) 16.4'; exit 0; }\n"
            + "echo 'FATAL:  this build is damaged' >&2; exit 1\n");
    for (java.nio.file.Path p :
        new java.nio.file.Path[] {broken.resolve("postgres"), broken.resolve("pg_ctl")}) {
      Files.setPosixFilePermissions(
          p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    Run rollout =
        stack.parity("rollout", "--service", "postgresql", "--to", "16.4", "--envs", "dev");
    assertThat(rollout.exit()).as(rollout.all()).isNotZero();
    assertThat(rollout.err()).contains("dev-db-1: task 'postgresql : Start postgresql' failed");
    assertThat(rollout.all()).doesNotContain("dev-db-0: PostgreSQL runs");
    // The primary still runs its build, takes writes, and lost nothing.
    assertThat(stack.sql("dev", 0, "SELECT current_setting('server_version')")).isEqualTo("16.2");
    stack.sql("dev", 0, "INSERT INTO orders VALUES (2, 'after the halt')");
    assertThat(stack.sql("dev", 0, "SELECT string_agg(item, ',' ORDER BY id) FROM orders"))
        .isEqualTo("first,after the halt");
  }
}
