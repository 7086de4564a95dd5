package dev.parity.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.support.Commands;
import dev.parity.support.RequiredTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd units the roles write on systemd nodes, rendered by the real ansible-playbook from
 * the roles' own templates with a node's facts, then checked by systemd-analyze verify (which reads
 * every directive and refuses a program that is not there).
 */
@org.junit.jupiter.api.Tag("integration")
class ServiceUnitsIntegrationTest {
  @TempDir Path dir;

  @Test
  void theUnitsTheRolesWritePassSystemdAnalyzeVerify() throws Exception {
    Path postgres = RequiredTools.require("postgresql 16.4");
    Path memcached = RequiredTools.require("memcached");
    Path playbooks = Path.of("..", "playbooks").toAbsolutePath().normalize();
    Files.writeString(
        dir.resolve("render.yml"),
        String.join(
            "\n",
            "- hosts: all",
            "  gather_facts: false",
            "  vars:",
            "    parity: { environment: prod, services: { postgresql: { version: '16.4' },"
                + " memcached: { version: '1.6.18' } } }",
            "    parity_runtime: { service_user: parity }",
            "    pg_version: '16.4'",
            "    pg_bin: " + postgres.getParent(),
            "    pg_data: /var/lib/parity/prod-db-0/postgresql/pgdata",
            "    mc_bin: " + memcached,
            "    mc_options: ['-l', '10.0.0.5', '-p', '11211', '-U', '0', '-m', '64']",
            "  tasks:",
            "    - ansible.builtin.template:",
            "        src: " + playbooks.resolve("roles/postgresql/templates/postgresql.service.j2"),
            "        dest: " + dir.resolve("parity-postgresql-prod-db-0.service"),
            "    - ansible.builtin.template:",
            "        src: " + playbooks.resolve("roles/memcached/templates/memcached.service.j2"),
            "        dest: " + dir.resolve("parity-memcached-prod-cache-0.service"),
            ""));
    Path ansible = RequiredTools.CACHE.ansiblePlaybook(RequiredTools.TOOLCHAIN.ansibleCore());
    Commands.ok(
        ansible.toString(),
        "-i",
        "prod-db-0,",
        "-c",
        "local",
        "-e",
        "ansible_python_interpreter=" + ansible.resolveSibling("python"),
        dir.resolve("render.yml").toString());
    for (String unit :
        List.of("parity-postgresql-prod-db-0.service", "parity-memcached-prod-cache-0.service")) {
      String text = Files.readString(dir.resolve(unit), StandardCharsets.UTF_8);
      assertThat(text).contains("Restart=on-failure").contains("WantedBy=multi-user.target");
      String verified = Commands.ok("systemd-analyze", "verify", dir.resolve(unit).toString());
      assertThat(verified).as(unit).doesNotContain(unit + ":");
    }
    assertThat(Files.readString(dir.resolve("parity-postgresql-prod-db-0.service")))
        .contains("ExecStart=" + postgres + " -D /var/lib/parity/prod-db-0/postgresql/pgdata")
        .contains("User=parity");
    assertThat(Files.readString(dir.resolve("parity-memcached-prod-cache-0.service")))
        .contains("ExecStart=" + memcached + " -l 10.0.0.5 -p 11211")
        .doesNotContain(" -d ");
  }

  @Test
  void systemdAnalyzeVerifyRefusesAUnitWhoseProgramIsMissing() throws Exception {
    // The check above can fail: the same verify on a unit naming a program that is not there.
    Path unit = dir.resolve("parity-postgresql-broken.service");
    Files.writeString(
        unit,
        "[Unit]\nDescription=broken\n[Service]\nExecStart=/nonexistent/postgres -D /x\n"
            + "[Install]\nWantedBy=multi-user.target\n");
    Process p =
        new ProcessBuilder("systemd-analyze", "verify", unit.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isNotZero();
    assertThat(out).contains("/nonexistent/postgres");
  }
}
