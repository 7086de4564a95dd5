package dev.parity.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.process.ProcessRunner;
import dev.parity.process.ProcessSpec;
import dev.parity.workdir.WorkDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lab hosts of this work dir that no recorded inventory knows: what a crashed run leaves behind (a
 * host created before the apply failed or was killed, a state lost). Found by the work dir's name
 * prefix, so another work dir's hosts are never touched, and removed with the lab's own script.
 */
public final class LabLeftovers {
  static final Path LAB_ROOT = Path.of("/var/lib/parity-lab");
  private static final Duration STEP = Duration.ofMinutes(2);

  private LabLeftovers() {}

  /** The namespaces with this work dir's prefix that no environment's inventory names. */
  public static List<String> find(WorkDir workDir, ProcessRunner runner) {
    String prefix = Infrastructure.labPrefix(workDir) + "-";
    var listed =
        runner.run(ProcessSpec.of("ip", List.of("ip", "netns", "list"), Path.of("/"), STEP));
    if (!listed.succeeded()) {
      return List.of(); // no namespaces here (or no right to list them): nothing of ours either
    }
    Set<String> known = known(workDir);
    return listed
        .stdout()
        .lines()
        .map(l -> l.strip().split("\\s+")[0])
        .filter(ns -> ns.startsWith(prefix) && !known.contains(ns))
        .sorted()
        .toList();
  }

  /**
   * Removes the leftover hosts (everything they ran, their disks), then this work dir's lab disks
   * and bridges that no environment uses any more.
   */
  public static void remove(
      List<String> namespaces, Path script, WorkDir workDir, ProcessRunner runner) {
    String prefix = Infrastructure.labPrefix(workDir);
    Path root = LAB_ROOT.resolve(prefix);
    Set<String> environments = new TreeSet<>();
    for (String ns : namespaces) {
      String host = ns.substring(prefix.length() + 1);
      // "<environment>-<role>-<index>", as the lab module names its hosts
      int index = host.lastIndexOf('-');
      int role = index > 0 ? host.lastIndexOf('-', index - 1) : -1;
      if (role > 0) {
        environments.add(host.substring(0, role));
      }
      runner.run(
          ProcessSpec.of(
              "lab-host.sh",
              List.of(script.toString(), "destroy", ns, "none", root.resolve(host).toString()),
              Path.of("/"),
              STEP));
    }
    Set<String> deployed = new HashSet<>(workDir.deployedEnvironments());
    for (String env : environments) {
      if (!deployed.contains(env)) {
        runner.run(
            ProcessSpec.of(
                "lab-host.sh",
                List.of(script.toString(), "network-down", bridge(prefix, env), root.toString()),
                Path.of("/"),
                STEP));
      }
    }
  }

  /** The bridge the lab module (terraform/lab/main.tf) names for an environment of this prefix. */
  public static String bridge(String prefix, String environment) {
    return "pb" + sha1(prefix + "/" + environment).substring(0, 10);
  }

  /** The host side of a lab host's link, as the lab module names it ("cache-1" for node). */
  public static String veth(String prefix, String environment, String node) {
    return "pv" + sha1(prefix + "/" + environment + "/" + node).substring(0, 10);
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<String> known(WorkDir workDir) {
    Set<String> known = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String env : workDir.deployedEnvironments()) {
      try {
        for (JsonNode node :
            json.readTree(workDir.environment(env).inventory().toFile()).path("nodes")) {
          if (node.path("lab").isObject()) {
            known.add(node.path("lab").path("namespace").asText());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the inventory of " + env, e);
      }
    }
    return known;
  }
}
