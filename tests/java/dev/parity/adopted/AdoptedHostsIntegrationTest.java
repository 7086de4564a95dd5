package dev.parity.adopted;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.support.AptRepository;
import dev.parity.support.Commands;
import dev.parity.support.LabNames;
import dev.parity.support.LocalStack;
import dev.parity.support.ParityCli.Run;
import dev.parity.support.ParityHome;
import dev.parity.support.RequiredTools;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole lifecycle on hosts parity did not create: three SSH hosts this test makes itself (each
 * its own network namespace, address and sshd), returned by a root module of the test's own that
 * creates nothing, as a team's module returns its VMs. Host keys come only from the known-hosts
 * secret; the db hosts log in as a user with sudo, the cache host as root; PostgreSQL comes from
 * the nodes' package manager, an apt repository on disk carrying two patch versions of a server
 * package. Deploy, a patch rollout through the package route, mixed versions, an unreachable and an
 * unmanageable node, a scale-down, down and down again.
 */
@Tag("integration")
class AdoptedHostsIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PACKAGE = "parity-test-postgresql-16";
  private static final String PREFIX = "/opt/parity-test-postgresql/16";
  private static final String APT_LIST = "/etc/apt/sources.list.d/parity-shop-postgresql.list";

  private ParityHome home;
  private AptRepository repository;
  private String prefix;
  private String bridge;
  private String net;
  private final Map<String, Host> hosts = new LinkedHashMap<>();
  private LocalStack stack;

  /** One hand-made host: its name, role, address, login user, namespace and directory. */
  private record Host(String name, String role, String address, String user, String ns, Path dir) {
    String veth(String prefix) {
      return LabNames.veth(prefix, "adopted", name);
    }
  }

  @BeforeEach
  void handMadeHostsAndATeamModule() throws Exception {
    home = ParityHome.copyOfRepository();
    home.removeEnvironments("qa", "staging", "prod");
    repository = AptRepository.withPostgresqlServer(PACKAGE, PREFIX, "16.2-1", "16.4-1");
    prefix = home.labRoot().getFileName().toString();
    bridge = LabNames.bridge(prefix, "adopted");
    String subnet = home.subnet(5);
    net = subnet.substring(0, subnet.lastIndexOf('.'));
    Path key = home.root().resolve("adopted-key");
    Commands.ok(
        "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "adopted", "-f", key.toString());
    String script = ParityHome.REPOSITORY.resolve("terraform/lab/lab-host.sh").toString();
    Commands.ok(script, "network-up", bridge, net + ".1/24");
    hosts.put("db-0", host("db-0", "db", net + ".20", "ops"));
    hosts.put("db-1", host("db-1", "db", net + ".21", "ops"));
    hosts.put("cache-0", host("cache-0", "cache", net + ".30", "root"));
    StringBuilder knownHosts = new StringBuilder();
    ObjectNode byRole = JSON.createObjectNode();
    for (Host h : hosts.values()) {
      Commands.ok(
          script,
          "create",
          h.ns(),
          h.veth(prefix),
          h.address() + "/24",
          net + ".1",
          bridge,
          h.dir().toString(),
          h.user(),
          Files.readString(Path.of(key + ".pub")).strip());
      String[] hostKey =
          Files.readString(h.dir().resolve("ssh_host_ed25519_key.pub")).strip().split("\\s+");
      knownHosts.append(h.address()).append(' ').append(hostKey[0]).append(' ');
      knownHosts.append(hostKey[1]).append('\n');
      (byRole.has(h.role())
              ? (com.fasterxml.jackson.databind.node.ArrayNode) byRole.get(h.role())
              : byRole.putArray(h.role()))
          .addObject()
          .put("name", "dev-" + h.name())
          .put("address", h.address())
          .put("user", h.user())
          .put("data_dir", h.dir().resolve("data").toString());
    }
    Files.createDirectories(home.root().resolve("infra/adopted"));
    home.write("infra/adopted/hosts.json", JSON.writeValueAsString(byRole));
    home.write("infra/adopted/main.tf", MODULE);
    home.write(
        "vars/dev.yml",
        "environment: dev\n"
            + "terraform: { module: infra/adopted }\n"
            + "ssh:\n"
            + "  private_key_secret: deploy_key\n"
            + "  known_hosts_secret: dev_hosts\n"
            + "network: { clients: ["
            + net
            + ".0/24] }\n"
            + "secrets:\n"
            + "  deploy_key: { env: PARITY_TEST_DEPLOY_KEY }\n"
            + "  dev_hosts: { env: PARITY_TEST_DEV_HOSTS }\n"
            + "services:\n"
            + "  postgresql:\n"
            + "    port: 5432\n"
            + "    install:\n"
            + "      package: "
            + PACKAGE
            + "\n"
            + "      repository: \""
            + repository.sourceLine()
            + "\"\n"
            + "      bin_dir: "
            + PREFIX
            + "/bin\n"
            + "  memcached: { port: 11211 }\n"
            + "topology: { db: 2, cache: 1 }\n");
    stack =
        new LocalStack(
            home,
            home.env(
                Map.of(
                    "PARITY_TEST_DEPLOY_KEY", Files.readString(key),
                    "PARITY_TEST_DEV_HOSTS", knownHosts.toString())));
  }

  private Host host(String name, String role, String address, String user) {
    return new Host(
        name,
        role,
        address,
        user,
        prefix + "-adopted-" + name,
        home.labRoot().resolve("adopted-" + name));
  }

  @AfterEach
  void removeTheHosts() throws Exception {
    try {
      String script = ParityHome.REPOSITORY.resolve("terraform/lab/lab-host.sh").toString();
      for (Host h : hosts.values()) {
        Commands.bestEffort(script, "destroy", h.ns(), h.veth(prefix), h.dir().toString());
      }
      Commands.bestEffort(script, "network-down", bridge, "/nonexistent");
    } finally {
      try {
        if (repository != null) {
          repository.close();
        }
      } finally {
        Files.deleteIfExists(Path.of(APT_LIST));
        // the login user the hosts were made with, as the lab script made it
        Files.deleteIfExists(Path.of("/etc/sudoers.d/parity-lab-ops"));
        Commands.bestEffort("userdel", "-r", "ops");
        home.close();
      }
    }
  }

  @Test
  void deployRolloutThroughThePackageRouteFaultsScaleDownAndDownTwice() throws Exception {
    // A data_dir that holds someone else's files is refused before anything is installed.
    Path foreign = hosts.get("cache-0").dir().resolve("data/notes.txt");
    Files.createDirectories(foreign.getParent());
    Files.writeString(foreign, "not parity's");
    Run refused = stack.parity("deploy", "--env", "dev");
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    assertThat(refused.all())
        .contains("dev-cache-0: data_dir " + foreign.getParent())
        .contains("that parity did not put there");
    assertThat(listening(hosts.get("db-0"), 5432)).isFalse();
    Files.delete(foreign);

    Run deployed = stack.parity("deploy", "--env", "dev");
    assertThat(deployed.exit()).as(deployed.all()).isZero();
    String ansibleLog = Files.readString(home.work().resolve("dev/logs/ansible.log"));
    assertThat(ansibleLog)
        .as("the service account has no home, and no run warns about it")
        .doesNotContain("Unable to use")
        .doesNotContain("/nonexistent/.ansible");
    assertThat(restarts())
        .as("a first deploy starts each service once: no restart handler acts")
        .isEmpty();
    assertThat(repository.installed()).isEqualTo("16.2-1");
    assertThat(stack.sql("dev", 0, "SHOW server_version")).isEqualTo("16.2");
    stack.sql("dev", 1, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (1)");
    Run status = stack.parity("status", "--env", "dev");
    assertThat(status.exit()).as(status.all()).isZero();

    // A version the nodes' package sources do not have: refused before any edit.
    String declared = Files.readString(home.vars().resolve("dev.yml"));
    Run unavailable =
        stack.parity("rollout", "--service", "postgresql", "--to", "16.5", "--envs", "dev");
    assertThat(unavailable.exit()).as(unavailable.all()).isEqualTo(1);
    assertThat(unavailable.all())
        .contains("the rollout of postgresql 16.5 changed nothing")
        .contains(
            PACKAGE + " 16.5 is not in the node's package sources (they have 16.2-1, 16.4-1)");
    assertThat(Files.readString(home.vars().resolve("dev.yml"))).isEqualTo(declared);

    // The patch through the package route: both nodes restarted onto it, one by one, data kept.
    Run rolled =
        stack.parity("rollout", "--service", "postgresql", "--to", "16.4", "--envs", "dev");
    assertThat(rolled.exit()).as(rolled.all()).isZero();
    assertThat(repository.installed()).isEqualTo("16.4-1");
    assertThat(restarts())
        .as(
            "the package is upgraded once (one disk), each server restarted onto it: %s",
            rolled.all())
        .containsExactly("dev-db-0: Stop postgresql", "dev-db-1: Stop postgresql");
    assertThat(stack.sql("dev", 0, "SHOW server_version")).isEqualTo("16.4");
    assertThat(stack.sql("dev", 1, "SHOW server_version")).isEqualTo("16.4");
    assertThat(stack.sql("dev", 1, "SELECT count(*) FROM kept")).isEqualTo("1");

    // Someone starts db-1 from another build: the role runs two versions, and status says so.
    Host db1 = hosts.get("db-1");
    String pgdata = db1.dir().resolve("data/postgresql/pgdata").toString();
    Commands.ok(
        "runuser", "-u", "parity", "--", PREFIX + "/bin/pg_ctl", "stop", "-D", pgdata, "-w");
    // a copy the service account can run (the tool cache is under root's home)
    Path old = db1.dir().resolve("by-hand-16.2/bin");
    Commands.ok(
        "cp",
        "-a",
        RequiredTools.require("postgresql 16.2").getParent().getParent().toString(),
        old.getParent().toString());
    Commands.ok(
        "ip",
        "netns",
        "exec",
        db1.ns(),
        "runuser",
        "-u",
        "parity",
        "--",
        old.resolve("pg_ctl").toString(),
        "start",
        "-D",
        pgdata,
        "-w",
        "-l",
        db1.dir().resolve("data/postgresql/by-hand.log").toString());
    Run mixed = stack.parity("status", "--env", "dev");
    assertThat(mixed.exit()).as(mixed.all()).isEqualTo(2);
    assertThat(mixed.out()).contains("16.2 / 16.4 mixed").doesNotContain(": in parity");
    Run repaired = stack.parity("reconcile", "--env", "dev", "--restore");
    assertThat(repaired.exit()).as(repaired.all()).isZero();
    assertThat(stack.sql("dev", 1, "SHOW server_version")).isEqualTo("16.4");

    // An unreachable node: status says unreachable, and a rollout touches nothing.
    long db0Pid = postmasterPid(hosts.get("db-0"));
    Commands.ok("ip", "link", "set", db1.veth(prefix), "down");
    try {
      Run unreachable = stack.parity("status", "--env", "dev");
      assertThat(unreachable.exit()).as(unreachable.all()).isEqualTo(2);
      assertThat(unreachable.out()).contains("unreachable").doesNotContain(": in parity");
      Run back =
          stack.parity(
              "rollout",
              "--service",
              "postgresql",
              "--to",
              "16.2",
              "--envs",
              "dev",
              "--allow-downgrade");
      assertThat(back.exit()).as(back.all()).isEqualTo(1);
      assertThat(back.all()).contains("changed nothing").contains("dev-db-1 postgresql");
      assertThat(Files.readString(home.vars().resolve("dev.yml")))
          .contains("version: \"16.4\"")
          .doesNotContain("version: \"16.2\"");
      assertThat(postmasterPid(hosts.get("db-0"))).isEqualTo(db0Pid);
    } finally {
      Commands.ok("ip", "link", "set", db1.veth(prefix), "up");
    }

    // A node that serves but whose SSH is gone: a warning in status, an error in reconcile.
    Host cache = hosts.get("cache-0");
    String sshdPid = Files.readString(cache.dir().resolve("sshd.pid")).strip();
    Commands.ok("kill", sshdPid);
    try {
      waitUntil(() -> !listening(cache, 22));
      Run warned = stack.parity("status", "--env", "dev");
      assertThat(warned.exit()).as(warned.all()).isZero();
      assertThat(warned.out()).contains("WARN").contains("dev-cache-0 is unmanageable");
      Run reconcile = stack.parity("reconcile", "--env", "dev");
      assertThat(reconcile.exit()).as(reconcile.all()).isEqualTo(1);
      assertThat(reconcile.all())
          .contains("dev cannot be reconciled: dev-cache-0 is unmanageable")
          .doesNotContain("Broken pipe");
    } finally {
      Commands.ok(
          "ip",
          "netns",
          "exec",
          cache.ns(),
          "/usr/sbin/sshd",
          "-f",
          cache.dir().resolve("sshd_config").toString(),
          "-E",
          cache.dir().resolve("sshd.log").toString());
    }

    // db 2 -> 1: the node that leaves is stopped and its data removed; the host itself stays.
    home.write(
        "vars/dev.yml",
        Files.readString(home.vars().resolve("dev.yml"))
            .replace("topology: { db: 2, cache: 1 }", "topology: { db: 1, cache: 1 }"));
    Run scaled = stack.parity("deploy", "--env", "dev");
    assertThat(scaled.exit()).as(scaled.all()).isZero();
    assertThat(scaled.out()).contains("dev-db-1 leave(s) the topology: stopping their services");
    assertThat(listening(db1, 5432)).isFalse();
    assertThat(db1.dir().resolve("data")).doesNotExist();
    assertThat(listening(db1, 22)).as("the host is the team's: it stays").isTrue();

    // down, from the known-hosts secret alone; then down again.
    Run down = stack.parity("down", "--env", "dev");
    assertThat(down.exit()).as(down.all()).isZero();
    assertThat(down.out()).contains("Stopped the services of dev and removed their data.");
    assertThat(listening(hosts.get("db-0"), 5432)).isFalse();
    assertThat(listening(cache, 11211)).isFalse();
    assertThat(hosts.get("db-0").dir().resolve("data")).doesNotExist();
    assertThat(cache.dir().resolve("data")).doesNotExist();
    Run again = stack.parity("down", "--env", "dev");
    assertThat(again.exit()).as(again.all()).isZero();
    assertThat(again.out()).contains("Nothing of dev is deployed");
  }

  /** The restart handlers that acted (ran, not skipped) in the last configuration run. */
  private List<String> restarts() throws Exception {
    List<String> acted = new ArrayList<>();
    for (String line : Files.readAllLines(home.work().resolve("dev/ansible/results.jsonl"))) {
      var r = JSON.readTree(line);
      // "postgresql : Stop postgresql": the role's name, then the task's
      String task = r.path("task").asText().replaceFirst("^[a-z_]+ : ", "");
      if (r.path("event").asText().equals("task")
          && List.of("Stop postgresql", "Stop memcached", "Restart the postgresql unit")
              .contains(task)
          && !r.path("status").asText().equals("skipped")) {
        acted.add(r.path("host").asText() + ": " + task);
      }
    }
    return acted;
  }

  private long postmasterPid(Host h) throws Exception {
    return Long.parseLong(
        Files.readAllLines(h.dir().resolve("data/postgresql/pgdata/postmaster.pid"))
            .get(0)
            .strip());
  }

  private static boolean listening(Host h, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(h.address(), port), 1000);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .pollInterval(java.time.Duration.ofMillis(100))
        .until(condition);
  }

  /** A team's own root module for hosts made by hand: it creates nothing, it returns them. */
  private static final String MODULE =
      String.join(
          "\n",
          "variable \"environment\" { type = string }",
          "variable \"topology\" { type = map(number) }",
          "variable \"services\" {",
          "  type = map(object({ version = string, role = string, port = number, settings = map(string) }))",
          "}",
          "",
          "locals {",
          "  hosts = jsondecode(file(\"${path.module}/hosts.json\"))",
          "}",
          "",
          "output \"inventory\" {",
          "  value = {",
          "    environment = var.environment",
          "    nodes = flatten([",
          "      for role in sort(keys(var.topology)) : [",
          "        for i in range(var.topology[role]) : {",
          "          name       = local.hosts[role][i].name",
          "          role       = role",
          "          index      = i",
          "          address    = local.hosts[role][i].address",
          "          ports      = { for name, svc in var.services : name => svc.port if svc.role == role }",
          "          data_dir   = local.hosts[role][i].data_dir",
          "          connection = \"ssh\"",
          "          ssh        = { host = local.hosts[role][i].address, port = 22, user = local.hosts[role][i].user, host_key = \"\" }",
          "        }",
          "      ]",
          "    ])",
          "  }",
          "}",
          "");
}
