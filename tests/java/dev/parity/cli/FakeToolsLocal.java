package dev.parity.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.process.ProcessResult;
import dev.parity.process.ProcessRunner;
import dev.parity.process.ProcessSpec;
import dev.parity.support.ParityHome;
import dev.parity.toolchain.Toolchain;
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

/**
 * The bundled local environment run in milliseconds: parity's own commands in this JVM, the tools a
 * fake {@link ProcessRunner} that answers as tofu and ansible-playbook do (a plan document, a
 * check-mode result, a failure when told to) and records what ran, over an inventory as an earlier
 * apply left it whose nodes are listening sockets. For the decisions of the commands (gates, order,
 * halts); the real tools prove the same end to end in the integration tests.
 */
final class FakeToolsLocal implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  final ParityHome home;
  private final Path cache;
  final Map<String, String> env;
  final FakeTools tools = new FakeTools();

  /** What ran, and what tofu and ansible-playbook answer. */
  public static final class FakeTools implements ProcessRunner {
    final List<List<String>> calls = new ArrayList<>();
    boolean planChanges;
    String inventory = "{}";
    List<String> checkModeChanges = List.of("local-db-0|postgresql|Install the declared build");

    /** tofu subcommands that fail (exit 1), e.g. "plan" or "apply". */
    final java.util.Set<String> failingTofu = new java.util.HashSet<>();

    /** What this machine's memcached -V says it is ("" : nothing). */
    String memcachedVersion = "";

    /** When true, git runs for real (the test made the home a checkout). */
    boolean realGit;

    /** The exit code of a playbook run outside check mode (2: a task failed on a host). */
    int playbookExit;

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
              return ok(spec, 0, "");
            }
            return ok(spec, argv.get(argv.size() - 1).endsWith(".yml") ? playbookExit : 0, "");
          }
          case "tar" -> {
            Files.writeString(Path.of(argv.get(2)), "an archive");
            return ok(spec, 0, "");
          }
          case "memcached" -> {
            return ok(spec, 0, memcachedVersion.isEmpty() ? "" : "memcached " + memcachedVersion);
          }
          case "git" -> {
            // a real checkout when the test made one, else none
            return realGit
                ? new dev.parity.process.ExecProcessRunner().run(spec)
                : ok(spec, 128, "");
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
      if (failingTofu.contains(sub)) {
        return new ProcessResult(
            spec, 1, "", "Error: the fake engine fails " + sub, Duration.ofMillis(1), false);
      }
      switch (sub) {
        case "plan" -> {
          String out = argv.stream().filter(a -> a.startsWith("-out=")).findFirst().orElseThrow();
          Files.writeString(Path.of(out.substring(5)), "a saved plan");
          return ok(spec, argv.contains("-destroy") || planChanges ? 2 : 0, "");
        }
        case "show" -> {
          if (argv.contains("-module=.")) {
            // the bundled local module's declarations: no var.secrets, not a lab, no backend
            Files.writeString(
                spec.stdoutFile(),
                "{\"root_module\":{\"variables\":{\"environment\":{},\"node_root\":{}}}}");
            return ok(spec, 0, "");
          }
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
          Files.writeString(spec.stdoutFile(), "{\"inventory\":{\"value\":" + inventory + "}}");
          return ok(spec, 0, "");
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

    /** The tofu subcommands and playbooks that ran, in order ("tofu plan", "site.yml"). */
    synchronized List<String> sequence() {
      List<String> seq = new ArrayList<>();
      for (List<String> argv : calls) {
        String program = Path.of(argv.get(0)).getFileName().toString();
        if (program.equals("tofu") && argv.size() > 2) {
          seq.add("tofu " + argv.get(2));
        } else if (program.equals("ansible-playbook")) {
          String book = Path.of(argv.get(argv.size() - 1)).getFileName().toString();
          seq.add(book + (argv.contains("--check") ? " --check" : ""));
        }
      }
      return seq;
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

  /** The bundled local environment alone, protected or not, as an earlier apply left it. */
  FakeToolsLocal(boolean isProtected) throws Exception {
    home = ParityHome.copyOfRepository();
    home.removeEnvironments("dev", "qa", "staging", "prod");
    // Services that answer as far as a TCP probe can tell: listening sockets on the nodes' ports.
    home.write(
        "vars/local.yml",
        Files.readString(home.vars().resolve("local.yml"))
                .replace("  postgresql:\n", "  postgresql:\n    probe: { type: tcp }\n")
                .replace("  memcached:\n", "  memcached:\n    probe: { type: tcp }\n")
            + (isProtected ? "protected: true\n" : ""));
    cache = Files.createTempDirectory("fake-tools-");
    executable(cache.resolve("opentofu/" + Toolchain.pinned().opentofu() + "/tofu"));
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
        dir.resolve("deployed.json"),
        "{\"environment\":\"local\",\"protected\":" + isProtected + "}");
  }

  final List<java.net.ServerSocket> listening = new ArrayList<>();

  /** A port on the loopback that accepts connections (the kernel completes them in its backlog). */
  private int listen() throws IOException {
    var socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    listening.add(socket);
    return socket.getLocalPort();
  }

  @Override
  public void close() throws IOException {
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

  private static void executable(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  Run parity(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Context context =
        new Context(new PrintWriter(out), new PrintWriter(err), env, tools, new RunRecorder());
    int exit = Cli.commandLine(context, args).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  static String sha(Run run) {
    return dev.parity.support.ParityCli.lastSha256(run.all());
  }

  com.fasterxml.jackson.databind.JsonNode newestRunRecord() throws IOException {
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
}
