package dev.parity.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.support.LocalStack;
import dev.parity.support.ParityCli.Run;
import dev.parity.support.ParityHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** configure, configure --check and down with real ansible-playbook, PostgreSQL and memcached. */
@Tag("integration")
class ConfigurationIntegrationTest {
  private ParityHome home;
  private LocalStack stack;

  @BeforeEach
  void copyRepository() throws Exception {
    home = ParityHome.copyOfRepository();
    stack = new LocalStack(home, home.env(Map.of()));
  }

  @AfterEach
  void nothingOutlivesTheTest() throws Exception {
    stack.downAll();
    assertThat(stack.processes()).as("processes left by the test").isEmpty();
    home.close();
  }

  private static String scalar(Connection c, String sql) throws Exception {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void twoEnvironmentsFromScratchThenASecondRunChangesNothing() throws Exception {
    for (String env : List.of("local", "dev")) {
      stack.provision(env);
      Run first = stack.configure(env);
      assertThat(first.exit()).as(first.all()).isZero();
      assertThat(first.out()).contains("changed  " + env + "-db-0: postgresql : Run initdb");
      Run second = stack.configure(env);
      assertThat(second.exit()).as(second.all()).isZero();
      assertThat(second.out()).doesNotContain("changed  ").containsPattern("changed=0 failed=0");
      assertThat(second.out().lines().filter(l -> l.matches(env + "-\\S+\\s+ok=.*")).toList())
          .isNotEmpty()
          .allSatisfy(l -> assertThat(l).contains("changed=0"));
    }
    try (Connection local = stack.connect("local", 0);
        Connection dev = stack.connect("dev", 0)) {
      assertThat(scalar(local, "SHOW server_version")).isEqualTo("16.2");
      assertThat(scalar(dev, "SHOW server_version")).isEqualTo("16.4");
    }
    assertThat(stack.processes("dev")).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void aSettingsEditShowsInCheckAndIsFixedByConfigure() throws Exception {
    stack.provision("dev");
    assertThat(stack.configure("dev").exit()).isZero();
    home.append("vars/dev.yml", "  # more connections for the load test\n");
    home.write(
        "vars/dev.yml",
        Files.readString(home.vars().resolve("dev.yml"))
            .replace(
                "postgresql: { version: \"16.4\" }",
                "postgresql: { version: \"16.4\", settings: { max_connections: 120 } }"));
    home.write(
        "vars/common.yml",
        Files.readString(home.vars().resolve("common.yml"))
            .replace(
                "    - services.postgresql.settings.work_mem",
                "    - services.postgresql.settings.work_mem\n"
                    + "    - services.postgresql.settings.max_connections"));

    Run check = stack.configure("dev", "--check");
    assertThat(check.exit()).as(check.all()).isEqualTo(2);
    assertThat(check.out())
        .contains("would change  dev-db-0: postgresql : Write parity's settings")
        .contains("Configuration drift in dev");
    try (Connection c = stack.connect("dev", 0)) {
      assertThat(scalar(c, "SHOW max_connections")).as("check changed nothing").isEqualTo("100");
    }
    Run fix = stack.configure("dev");
    assertThat(fix.exit()).as(fix.all()).isZero();
    try (Connection c = stack.connect("dev", 0)) {
      assertThat(scalar(c, "SHOW max_connections")).isEqualTo("120");
    }
    assertThat(stack.configure("dev", "--check").exit()).isZero();
  }

  @Test
  void aPatchUpgradeKeepsTheDataWrittenBeforeIt() throws Exception {
    stack.provision("local");
    assertThat(stack.configure("local").exit()).isZero();
    try (Connection c = stack.connect("local", 0)) {
      assertThat(scalar(c, "SHOW server_version")).isEqualTo("16.2");
      c.createStatement().execute("CREATE TABLE orders (id int primary key, item text)");
      c.createStatement().execute("INSERT INTO orders VALUES (1, 'written before the upgrade')");
    }
    home.write(
        "vars/local.yml",
        Files.readString(home.vars().resolve("local.yml"))
            .replace("  postgresql:\n", "  postgresql:\n    version: \"16.4\"\n"));
    Run upgrade = stack.configure("local");
    assertThat(upgrade.exit()).as(upgrade.all()).isZero();
    assertThat(upgrade.out()).contains("changed  local-db-0: postgresql : Start postgresql");
    try (Connection c = stack.connect("local", 0)) {
      assertThat(scalar(c, "SHOW server_version")).isEqualTo("16.4");
      assertThat(scalar(c, "SELECT item FROM orders WHERE id = 1"))
          .isEqualTo("written before the upgrade");
    }
  }

  @Test
  void aMajorUpgradeIsRefusedWithAClearMessage() throws Exception {
    stack.provision("local");
    assertThat(stack.configure("local").exit()).isZero();
    home.write(
        "vars/local.yml",
        Files.readString(home.vars().resolve("local.yml"))
            .replace("  postgresql:\n", "  postgresql:\n    version: \"17.2\"\n"));
    Run refused = stack.configure("local");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err())
        .contains("local-db-0: task 'postgresql : Refuse a major upgrade' failed")
        .contains("a major upgrade needs pg_upgrade");
  }

  @Test
  void aStoppedMemcachedShowsInCheckAndIsRestarted() throws Exception {
    stack.provision("dev");
    assertThat(stack.configure("dev").exit()).isZero();
    Path pidfile = stack.node("dev", "cache-1").resolve("memcached/memcached.pid");
    long pid = Long.parseLong(Files.readString(pidfile).strip());
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();

    Run check = stack.configure("dev", "--check");
    assertThat(check.exit()).as(check.all()).isEqualTo(2);
    assertThat(check.out())
        .contains(
            "would change  dev-cache-1: memcached : Start memcached (check mode reports "
                + "it stopped)")
        .doesNotContain("dev-cache-0: memcached : Start");
    Run fix = stack.configure("dev");
    assertThat(fix.exit()).as(fix.all()).isZero();
    assertThat(fix.out()).contains("changed  dev-cache-1: memcached : Start memcached");
    assertThat(Long.parseLong(Files.readString(pidfile).strip())).isNotEqualTo(pid);
    assertThat(stack.configure("dev", "--check").exit()).isZero();
  }

  @Test
  void aFailingNodeNamesHostAndTaskAndLeavesOtherEnvironmentsAlone() throws Exception {
    stack.provision("local");
    stack.provision("dev");
    assertThat(stack.configure("local").exit()).isZero();
    assertThat(stack.configure("dev").exit()).isZero();
    List<Long> localBefore =
        stack.processes("local").stream().map(ProcessHandle::pid).sorted().toList();

    Path pgdata = stack.node("dev", "db-0").resolve("postgresql/pgdata");
    stack.parity("down", "--env", "dev");
    stack.provision("dev"); // a lab environment's down destroys its hosts: make them again
    assertThat(stack.configure("dev").exit()).isZero();
    new ProcessBuilder(
            "runuser",
            "-u",
            "parity",
            "--",
            stack.node("dev", "db-0").resolve("postgresql/pgsql/bin/pg_ctl").toString(),
            "stop",
            "-D",
            pgdata.toString(),
            "-m",
            "fast",
            "-w")
        .inheritIO()
        .start()
        .waitFor();
    // The service user can no longer enter its data directory.
    new ProcessBuilder("chown", "-R", "root:root", pgdata.toString()).start().waitFor();

    Run failed = stack.configure("dev");
    assertThat(failed.exit()).isEqualTo(1);
    assertThat(failed.err())
        .contains("configuration of dev failed on 1 host(s)")
        .contains("dev-db-0: task 'postgresql : ")
        .doesNotContain("\tat ");
    assertThat(stack.processes("local").stream().map(ProcessHandle::pid).sorted().toList())
        .as("the other environment's processes are untouched")
        .isEqualTo(localBefore);
  }

  @Test
  void downStopsOneEnvironmentAndRemovesItsDataOnly() throws Exception {
    stack.provision("local");
    stack.provision("dev");
    assertThat(stack.configure("local").exit()).isZero();
    assertThat(stack.configure("dev").exit()).isZero();
    List<Long> local = stack.processes("local").stream().map(ProcessHandle::pid).sorted().toList();
    Run down = stack.parity("down", "--env", "dev");
    assertThat(down.exit()).as(down.all()).isZero();
    assertThat(stack.processes("dev")).isEmpty();
    assertThat(stack.node("dev", "db-0")).doesNotExist();
    assertThat(stack.node("local", "db-0")).isDirectory();
    assertThat(stack.processes("local").stream().map(ProcessHandle::pid).sorted().toList())
        .isEqualTo(local);
  }

  @Test
  void downAllStopsWhatWasDeployedEvenWhenTheVariableSetNoLongerValidates() throws Exception {
    stack.provision("local");
    stack.provision("dev");
    assertThat(stack.configure("local").exit()).isZero();
    assertThat(stack.configure("dev").exit()).isZero();
    assertThat(stack.processes("local")).isNotEmpty();
    assertThat(stack.processes("dev")).isNotEmpty();
    // dev's file is gone and common.yml is broken: only the recorded inventories say what runs.
    Files.delete(home.vars().resolve("dev.yml"));
    home.append("vars/common.yml", "not_a_key: [\n");
    assertThat(stack.parity("validate").exit()).isEqualTo(1);

    Run down = stack.parity("down", "--all");
    assertThat(down.exit()).as(down.all()).isZero();
    assertThat(down.out())
        .contains("Destroyed the 3 lab host(s) of dev with everything they ran.")
        .contains("Stopped the services of local and removed their data.");
    assertThat(stack.processes()).isEmpty();
    assertThat(stack.node("dev", "db-0")).doesNotExist();
    assertThat(stack.node("local", "db-0")).doesNotExist();

    Run again = stack.parity("down", "--env", "qa");
    assertThat(again.exit()).as(again.all()).isZero();
    assertThat(again.out()).contains("Nothing of qa is deployed");
  }
}
