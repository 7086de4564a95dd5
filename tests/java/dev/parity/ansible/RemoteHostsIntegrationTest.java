package dev.parity.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.secret.SshKeys;
import dev.parity.support.ArgvSampler;
import dev.parity.support.Commands;
import dev.parity.support.LabNames;
import dev.parity.support.LocalStack;
import dev.parity.support.ParityCli.Run;
import dev.parity.support.ParityHome;
import dev.parity.terraform.PgBackendIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Environments of real SSH hosts (terraform/lab: network namespaces with their own address and
 * sshd), deployed, configured, patched and asserted over SSH by the real tools.
 */
@Tag("integration")
class RemoteHostsIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private ParityHome home;

  @BeforeEach
  void copyRepository() throws Exception {
    home = ParityHome.copyOfRepository();
  }

  @AfterEach
  void takeDown() throws Exception {
    new LocalStack(home, home.env(Map.of())).downAll();
    assertThat(home.labRoot()).as("the lab hosts and their disks are gone").doesNotExist();
    home.close();
  }

  private JsonNode inventory(String environment) throws Exception {
    return JSON.readTree(home.work().resolve(environment).resolve("inventory.json").toFile());
  }

  @Test
  void fourLabHostsAreDeployedOverSshPatchedRollingWithTheirRowsAndTheKeyNeverShows()
      throws Exception {
    SshKeys.Pair key = SshKeys.generate("parity-test");
    // A line from the middle of the key: what a leak of the key file would contain.
    String canary = key.privateKey().lines().toList().get(2);
    home.useLab("qa", "{ db: 2, cache: 2 }", "PARITY_TEST_SSH_KEY");
    Map<String, String> env = home.env(Map.of("PARITY_TEST_SSH_KEY", key.privateKey()));
    LocalStack stack = new LocalStack(home, env);
    List<Run> runs = new ArrayList<>();
    try (ArgvSampler argv = ArgvSampler.start(List.of(canary))) {
      Run deploy = stack.parity("deploy", "--env", "qa");
      runs.add(deploy);
      assertThat(deploy.exit()).as(deploy.all()).isZero();
      assertThat(deploy.out()).contains("qa: deployed,");

      // Every service runs inside its own host's namespace, at that host's own address.
      for (JsonNode node : inventory("qa").path("nodes")) {
        assertThat(node.path("connection").asText()).isEqualTo("ssh");
        String namespace = node.path("lab").path("namespace").asText();
        List<ProcessHandle> services =
            stack.processes("qa").stream()
                .filter(p -> !LocalStack.arguments(p).contains("sshd"))
                .filter(p -> LocalStack.arguments(p).contains(node.path("data_dir").asText()))
                .toList();
        assertThat(services).as(node.path("name").asText() + " runs its service").isNotEmpty();
        for (ProcessHandle p : services) {
          assertThat(Commands.ok("ip", "netns", "identify", Long.toString(p.pid())).strip())
              .as("the namespace of " + LocalStack.arguments(p))
              .isEqualTo(namespace);
        }
      }

      Run check = stack.configure("qa", "--check");
      runs.add(check);
      assertThat(check.exit()).as(check.all()).isZero();
      assertThat(check.out()).contains("No configuration drift in qa.");

      for (int db : new int[] {0, 1}) {
        stack.sql(
            "qa",
            db,
            "CREATE TABLE orders (id int, item text); "
                + "INSERT INTO orders VALUES (1, 'written before the patch')");
      }
      Run rollout =
          stack.parity("rollout", "--service", "postgresql", "--to", "16.4", "--envs", "qa");
      runs.add(rollout);
      assertThat(rollout.exit()).as(rollout.all()).isZero();
      for (int db : new int[] {0, 1}) {
        assertThat(
                stack.sql(
                    "qa",
                    db,
                    "SELECT current_setting('server_version') || ' ' || item FROM orders"))
            .isEqualTo("16.4 written before the patch");
      }
      Run assertRun = stack.parity("assert", "--env", "qa");
      runs.add(assertRun);
      assertThat(assertRun.exit()).as(assertRun.all()).isZero();
      argv.verify();
    }
    runs.forEach(r -> assertThat(r.all()).doesNotContain(canary));
    assertThat(PgBackendIntegrationTest.filesContaining(home.root(), canary))
        .as("files holding the SSH key")
        .isEmpty();
    assertThat(PgBackendIntegrationTest.filesContaining(home.labRoot(), canary)).isEmpty();
    assertThat(home.work().resolve("qa/ansible/ssh")).as("the run's SSH files").doesNotExist();
  }

  @Test
  void aChangedHostKeyIsRefusedNamingTheHost() throws Exception {
    home.useLab("dev", "{ db: 1, cache: 1 }", null);
    LocalStack stack = new LocalStack(home, home.env(Map.of()));
    Run deploy = stack.parity("deploy", "--env", "dev");
    assertThat(deploy.exit()).as(deploy.all()).isZero();

    // The inventory's host key is the one parity made for the host (from the engine's state), the
    // key the host serves; its private half was on disk only for the apply.
    Path hostDir = home.labRoot().resolve("dev-db-0");
    String served = Files.readString(hostDir.resolve("ssh_host_ed25519_key.pub")).strip();
    for (JsonNode n : inventory("dev").path("nodes")) {
      if (n.path("name").asText().equals("dev-db-0")) {
        assertThat(n.path("ssh").path("host_key").asText())
            .isNotEmpty()
            .startsWith(served.split(" ")[0] + " " + served.split(" ")[1]);
      }
    }
    assertThat(home.work().resolve("dev/plan/lab-host-keys")).doesNotExist();

    // The host gets a new key behind parity's back (a rebuilt machine, or an impostor).
    Path hostKey = hostDir.resolve("ssh_host_ed25519_key");
    Files.delete(hostKey);
    Files.delete(hostDir.resolve("ssh_host_ed25519_key.pub"));
    Commands.ok("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString());
    String namespace = "";
    for (JsonNode n : inventory("dev").path("nodes")) {
      if (n.path("name").asText().equals("dev-db-0")) {
        namespace = n.path("lab").path("namespace").asText();
      }
    }
    long sshd = Long.parseLong(Files.readString(hostDir.resolve("sshd.pid")).strip());
    ProcessHandle.of(sshd).ifPresent(ProcessHandle::destroy);
    ProcessHandle.of(sshd).ifPresent(p -> p.onExit().join());
    Commands.ok(
        "ip",
        "netns",
        "exec",
        namespace,
        "/usr/sbin/sshd",
        "-f",
        hostDir.resolve("sshd_config").toString(),
        "-E",
        hostDir.resolve("sshd.log").toString());

    Run refused = stack.configure("dev");
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    assertThat(refused.err())
        .contains("dev-db-0")
        .contains("Host key verification failed")
        .contains("its host key changed: it sent SHA256:")
        .contains("parity trusts ssh-ed25519 SHA256:")
        .contains("update host_key in your module or your known_hosts secret")
        .doesNotContain("Add correct host key in")
        .doesNotContain("\tat ");

    // A new subnet is a new network and new hosts, never an in-place update: the create-time
    // provisioners that gave the hosts their addresses must run again.
    home.write(
        "vars/dev.yml",
        Files.readString(home.vars().resolve("dev.yml")).replace(home.subnet(0), home.subnet(7)));
    Run moved = stack.parity("plan", "--env", "dev");
    assertThat(moved.exit()).as(moved.all()).isEqualTo(2);
    assertThat(moved.out())
        .contains("replace terraform_data.network")
        .contains("replace terraform_data.host[\"db-0\"]")
        .contains("replace terraform_data.host[\"cache-0\"]")
        .doesNotContain("update terraform_data.host");
  }

  @Test
  void aLabLargerThanItsAddressPlanIsRefusedAtPlanNamingTheLimit() throws Exception {
    home.useLab("dev", "{ db: 51, cache: 1 }", null);
    LocalStack stack = new LocalStack(home, home.env(Map.of()));
    Run tooMany = stack.parity("plan", "--env", "dev");
    assertThat(tooMany.exit()).as(tooMany.all()).isEqualTo(1);
    assertThat(tooMany.all())
        .contains("role db has 51 nodes; the lab's address plan holds 50 per role")
        .doesNotContain("\tat ");

    // Two roles need 110 host numbers; a /28 has 16.
    home.useLab("dev", "{ db: 1, cache: 1 }", null);
    String small = home.subnet(0).replaceAll("/\\d+$", "/28");
    home.write(
        "vars/dev.yml",
        Files.readString(home.vars().resolve("dev.yml")).replace(home.subnet(0), small));
    Run tooSmall = stack.parity("plan", "--env", "dev");
    assertThat(tooSmall.exit()).as(tooSmall.all()).isEqualTo(1);
    assertThat(tooSmall.all())
        .contains("the lab's subnet " + small + " has no host number 60 for db-0")
        .doesNotContain("\tat ");
    assertThat(home.labRoot()).doesNotExist();
  }

  @Test
  void driftOnLabHostsIsFoundInEachLayerAndRepaired() throws Exception {
    home.useLab("dev", "{ db: 1, cache: 1 }", null);
    LocalStack stack = new LocalStack(home, home.env(Map.of()));
    Run deploy = stack.parity("deploy", "--env", "dev");
    assertThat(deploy.exit()).as(deploy.all()).isZero();

    // A service stopped on a remote node: configuration drift (it would be started) and version
    // drift (unreachable).
    ProcessHandle memcached =
        stack.processes("dev").stream()
            .filter(
                p ->
                    LocalStack.arguments(p).contains("memcached")
                        && !LocalStack.arguments(p).contains("sshd"))
            .findFirst()
            .orElseThrow();
    memcached.destroyForcibly();
    memcached.onExit().join();
    Run stopped = stack.parity("reconcile", "--env", "dev");
    assertThat(stopped.exit()).as(stopped.all()).isEqualTo(2);
    assertThat(stopped.out()).contains("configuration").contains("versions");

    // A whole host removed behind the engine's back: infrastructure drift, and --restore rebuilds
    // and reconfigures it.
    String namespace = "";
    for (JsonNode n : inventory("dev").path("nodes")) {
      if (n.path("name").asText().equals("dev-db-0")) {
        namespace = n.path("lab").path("namespace").asText();
      }
    }
    String pids = Commands.ok("ip", "netns", "pids", namespace).strip();
    for (String pid : pids.split("\\s+")) {
      ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
    }
    Commands.ok("ip", "netns", "del", namespace);
    Run lost = stack.parity("reconcile", "--env", "dev");
    assertThat(lost.exit()).as(lost.all()).isEqualTo(2);
    assertThat(lost.out()).contains("infrastructure").contains("terraform_data.host[\"db-0\"]");

    Run restored = stack.parity("reconcile", "--env", "dev", "--restore");
    assertThat(restored.exit()).as(restored.all()).isZero();
    assertThat(restored.out()).contains("-> repaired");
    Run clean = stack.parity("reconcile", "--env", "dev");
    assertThat(clean.exit()).as(clean.all()).isZero();
    assertThat(stack.parity("assert", "--env", "dev").exit()).isZero();
  }

  /**
   * dev's hosts reachable only through one jump host: a routing rule forbids the controller their
   * subnet, and a bastion (a lab host made by the lab's own script, on a bridge of its own, with a
   * second interface on dev's bridge) is the only way in. Its host key comes from the known-hosts
   * secret.
   */
  @Test
  void nodesReachableOnlyThroughABastionAreConfiguredThroughIt() throws Exception {
    home.useLab("dev", "{ db: 1, cache: 1 }", null);
    LocalStack stack = new LocalStack(home, home.env(Map.of()));
    Run deploy = stack.parity("deploy", "--env", "dev");
    assertThat(deploy.exit()).as(deploy.all()).isZero();

    String prefix = home.labRoot().getFileName().toString();
    String devBridge = LabNames.bridge(prefix, "dev");
    String subnet = home.subnet(6);
    String net = subnet.substring(0, subnet.lastIndexOf('.'));
    String devNet = home.subnet(0).substring(0, home.subnet(0).lastIndexOf('.'));
    String bridge = LabNames.bridge(prefix, "bastion");
    String ns = prefix + "-bastion";
    Path hostDir = home.labRoot().resolve("bastion");
    String script = ParityHome.REPOSITORY.resolve("terraform/lab/lab-host.sh").toString();
    String publicKey = Files.readString(home.work().resolve("secrets/dev/ssh_key.pub")).strip();
    try {
      Commands.ok(script, "network-up", bridge, net + ".1/24");
      Commands.ok(
          script,
          "create",
          ns,
          LabNames.veth(prefix, "bastion", "0"),
          net + ".10/24",
          net + ".1",
          bridge,
          hostDir.toString(),
          "parity-lab",
          publicKey);
      String inner = LabNames.veth(prefix, "bastion", "1");
      Commands.ok("ip", "link", "add", inner, "type", "veth", "peer", "name", inner + "n");
      Commands.ok("ip", "link", "set", inner + "n", "netns", ns);
      Commands.ok("ip", "-n", ns, "addr", "add", devNet + ".250/24", "dev", inner + "n");
      Commands.ok("ip", "-n", ns, "link", "set", inner + "n", "up");
      Commands.ok("ip", "link", "set", inner, "master", devBridge, "up");
      // The controller may no longer reach dev's subnet: refused locally, so nothing leaves it.
      Commands.ok("ip", "rule", "add", "to", devNet + ".0/24", "prohibit", "priority", "100");
      try (java.net.Socket direct = new java.net.Socket()) {
        assertThat(
                org.assertj.core.api.Assertions.catchThrowable(
                    () -> direct.connect(new java.net.InetSocketAddress(devNet + ".60", 22), 1000)))
            .as("dev-db-0 is not reachable from the controller any more")
            .isNotNull();
      }
      String bastionKey = Files.readString(hostDir.resolve("ssh_host_ed25519_key.pub")).strip();
      String[] k = bastionKey.split("\\s+");
      // dev now goes through the bastion, whose host key the known-hosts secret gives.
      home.write(
          "vars/dev.yml",
          Files.readString(home.vars().resolve("dev.yml"))
              .replace(
                  "ssh: { private_key_secret: ssh_key }",
                  "ssh:\n  private_key_secret: ssh_key\n  known_hosts_secret: jump_host\n"
                      + "  bastion: { host: \""
                      + net
                      + ".10\" }")
              .replace("secrets:\n", "secrets:\n  jump_host: { env: PARITY_TEST_JUMP_HOST }\n"));
      LocalStack throughBastion =
          new LocalStack(
              home, home.env(Map.of("PARITY_TEST_JUMP_HOST", net + ".10 " + k[0] + " " + k[1])));
      Run configure = throughBastion.configure("dev", "--check");
      assertThat(configure.exit()).as(configure.all()).isZero();
      assertThat(configure.out()).contains("No configuration drift in dev.");
    } finally {
      Commands.bestEffort(
          "ip", "rule", "del", "to", devNet + ".0/24", "prohibit", "priority", "100");
      Commands.bestEffort(
          script, "destroy", ns, LabNames.veth(prefix, "bastion", "0"), hostDir.toString());
      Commands.bestEffort(script, "network-down", bridge, "/nonexistent");
    }
  }

  /**
   * A node whose link goes down once the memcached play is under way: that host is named, the
   * others finished, and the next run completes. Then a node whose Python is missing: named.
   */
  @Test
  void anUnreachableNodeAndANodeWithoutPythonAreNamedAndTheNextRunCompletes() throws Exception {
    home.useLab("dev", "{ db: 1, cache: 2 }", null);
    Map<String, String> env = home.env(Map.of());
    LocalStack stack = new LocalStack(home, env);
    stack.provision("dev");
    String prefix = home.labRoot().getFileName().toString();
    String link = LabNames.veth(prefix, "dev", "cache-1");
    Run cut;
    try (dev.parity.support.ParityCli.Running configure =
        dev.parity.support.ParityCli.start(env, "configure", "--env", "dev")) {
      // The link goes once the PostgreSQL play is done and the memcached play has begun.
      configure.awaitOutput("PLAY [Memcached]");
      Commands.ok("ip", "link", "set", link, "down");
      cut = configure.await(java.time.Duration.ofMinutes(3));
    } finally {
      Commands.ok("ip", "link", "set", link, "up");
    }
    assertThat(cut.exit()).as(cut.out()).isEqualTo(1);
    assertThat(cut.out())
        .contains("configuration of dev failed on 1 host(s)")
        // Where the cut lands decides how Ansible reports it: unreachable (said plainly), or the
        // task that was waiting for sudo on the cut connection.
        .containsAnyOf("dev-cache-1: SSH does not reach it (", "dev-cache-1: task")
        .contains("unreachable")
        .doesNotContain("\tat ");
    assertThat(cut.out())
        .containsPattern("dev-db-0\\s+:\\s+ok=\\d+\\s+changed=\\d+\\s+unreachable=0\\s+failed=0");
    Run again = stack.configure("dev");
    assertThat(again.exit()).as(again.all()).isZero();
    assertThat(stack.parity("assert", "--env", "dev").exit()).isZero();

    // The module says the node's Python is somewhere it is not.
    Path inventory = home.work().resolve("dev/inventory.json");
    JsonNode recorded = JSON.readTree(inventory.toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) recorded.path("nodes").get(0))
        .put("python", "/usr/bin/python3-missing");
    assertThat(recorded.path("nodes").get(0).path("name").asText()).isEqualTo("dev-cache-0");
    JSON.writeValue(inventory.toFile(), recorded);
    Run noPython = stack.configure("dev");
    assertThat(noPython.exit()).as(noPython.all()).isEqualTo(1);
    assertThat(noPython.err())
        .contains("dev-cache-0")
        .contains("python3-missing")
        .doesNotContain("\tat ");
  }

  /**
   * What a crashed run left: a lab host of this work dir that no inventory knows (made here with
   * the lab's own script, as an apply that died before recording its inventory would have). down
   * --all finds it by the work dir's prefix and removes it with everything it ran.
   */
  @Test
  void downAllRemovesTheLeftoverLabHostsOfACrashedRun() throws Exception {
    String prefix = home.labRoot().getFileName().toString();
    String net = home.subnet(5).substring(0, home.subnet(5).lastIndexOf('.'));
    String script = ParityHome.REPOSITORY.resolve("terraform/lab/lab-host.sh").toString();
    String namespace = prefix + "-dev-db-0";
    Commands.ok(script, "network-up", LabNames.bridge(prefix, "dev"), net + ".1/24");
    Commands.ok(
        script,
        "create",
        namespace,
        LabNames.veth(prefix, "dev", "db-0"),
        net + ".60/24",
        net + ".1",
        LabNames.bridge(prefix, "dev"),
        home.labRoot().resolve("dev-db-0").toString(),
        "parity-lab",
        SshKeys.generate("leftover").publicKey());
    assertThat(Commands.ok("ip", "netns", "list")).contains(namespace);

    LocalStack stack = new LocalStack(home, home.env(Map.of()));
    Run down = stack.parity("down", "--all");
    assertThat(down.exit()).as(down.all()).isZero();
    assertThat(down.out()).contains("Removed 1 leftover lab host(s)").contains(namespace);
    assertThat(Commands.ok("ip", "netns", "list")).doesNotContain(namespace);
    assertThat(stack.processes()).isEmpty();
    assertThat(home.labRoot()).doesNotExist();
  }

  @Test
  void aMissingKeySecretIsOneClearErrorBeforeAnythingRuns() throws Exception {
    home.useLab("dev", "{ db: 1, cache: 1 }", "PARITY_TEST_NO_SUCH_KEY");
    LocalStack stack = new LocalStack(home, home.env(Map.of()));
    Run plan = stack.parity("plan", "--env", "dev");
    assertThat(plan.exit()).isEqualTo(1);
    assertThat(plan.err())
        .contains("secret 'ssh_key' cannot be read")
        .contains("PARITY_TEST_NO_SUCH_KEY is not set")
        .contains("(declared at " + home.vars().resolve("dev.yml") + ":")
        .doesNotContain("\tat ");
    assertThat(home.work().resolve("dev/plan")).doesNotExist();
    assertThat(home.labRoot()).doesNotExist();
  }
}
