package dev.parity.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.ansible.Inventory;
import dev.parity.ansible.SshSession;
import dev.parity.devtools.DeclaredTools;
import dev.parity.error.ParityException;
import dev.parity.process.ProcessResult;
import dev.parity.process.ProcessRunner;
import dev.parity.process.ProcessSpec;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.ToolReaders;
import dev.parity.vars.ToolSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The developer tools an environment requires, read where they run: on a node reached over SSH
 * through the environment's own SSH settings (key and known hosts from its secrets, host keys
 * checked), on a local node directly on this machine. A tool is in parity when its live version
 * starts with the declared one.
 */
final class ToolAssertions {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

  private ToolAssertions() {}

  static List<AssertionResult> check(
      EnvironmentSpec spec,
      JsonNode inventory,
      Map<String, String> secrets,
      Path sshDir,
      ProcessRunner runner,
      Map<String, String> env) {
    List<ToolSpec> tools = spec.requiredTools();
    if (tools.isEmpty()) {
      return List.of();
    }
    List<AssertionResult> results = new ArrayList<>();
    List<JsonNode> nodes = Inventory.nodes(inventory);
    List<JsonNode> remote = nodes.stream().filter(Inventory::isSsh).toList();
    List<DeclaredTools.Status> here = null;
    for (JsonNode node : nodes) {
      if (Inventory.isSsh(node)) {
        continue;
      }
      if (here == null) {
        here = new DeclaredTools(runner, env).check(tools); // one machine: read once
      }
      for (DeclaredTools.Status s : here) {
        if (s.tool().requiredOn(node.path("role").asText())) {
          results.add(result(spec.name(), node.path("name").asText(), s.tool(), s.found(), 0));
        }
      }
    }
    if (remote.isEmpty()) {
      return results;
    }
    EnvironmentSpec.Ssh ssh = spec.access().ssh();
    if (ssh.privateKeySecret() == null || secrets.get(ssh.privateKeySecret()) == null) {
      throw new ParityException(
          spec.name() + ": reading its tools needs the SSH key (ssh.private_key_secret)");
    }
    try (SshSession session =
        SshSession.open(
            sshDir,
            ssh,
            secrets.get(ssh.privateKeySecret()),
            ssh.knownHostsSecret() == null ? null : secrets.get(ssh.knownHostsSecret()),
            remote,
            runner)) {
      for (JsonNode node : remote) {
        for (ToolSpec tool : tools) {
          if (tool.requiredOn(node.path("role").asText())) {
            long t0 = System.nanoTime();
            String found = readOverSsh(session, ssh, node, tool, runner);
            results.add(
                result(
                    spec.name(),
                    node.path("name").asText(),
                    tool,
                    found,
                    (System.nanoTime() - t0) / 1_000_000));
          }
        }
      }
    }
    return results;
  }

  /** The version the node reports, or null when the tool is not there or says no version. */
  private static String readOverSsh(
      SshSession session,
      EnvironmentSpec.Ssh ssh,
      JsonNode node,
      ToolSpec tool,
      ProcessRunner runner) {
    JsonNode s = node.path("ssh");
    ToolReaders.Reader reader = ToolReaders.of(tool);
    List<String> argv =
        new ArrayList<>(
            List.of(
                "ssh",
                "-F",
                session.config().toString(),
                "-l",
                s.path("user").asText(ssh.user()),
                "-p",
                Integer.toString(s.path("port").asInt(22)),
                s.path("host").asText(node.path("address").asText()),
                "--"));
    // ssh hands the remote shell one line: every word single-quoted, so nothing is interpreted.
    argv.add(dev.parity.text.ShellWords.join(reader.command()));
    ProcessResult r = runner.run(ProcessSpec.of("ssh", argv, Path.of("/"), READ_TIMEOUT));
    if (r.exitCode() == 255) {
      throw new ParityException(
          node.path("name").asText()
              + ": cannot read its tools over SSH: "
              + String.join(" | ", r.tail(3)));
    }
    return reader.versionIn(r.stdout() + "\n" + r.stderr()).orElse(null);
  }

  private static AssertionResult result(
      String env, String node, ToolSpec tool, String found, long ms) {
    boolean ok = tool.metBy(found);
    return new AssertionResult(
        env,
        node,
        "tool: " + tool.name(),
        "version",
        ok,
        tool.version(),
        found == null ? "missing" : found,
        ok
            ? ""
            : found == null
                ? node + " has no " + tool.name() + " (" + tool.version() + " is declared)"
                : node
                    + " "
                    + tool.name()
                    + " is "
                    + found
                    + " but "
                    + tool.version()
                    + " is declared",
        ms);
  }
}
