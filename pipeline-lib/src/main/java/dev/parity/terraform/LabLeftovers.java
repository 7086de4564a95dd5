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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lab hosts that no recorded inventory knows: what a crashed run leaves behind (a host created
 * before the apply failed or was killed, a state lost). Found by the lab's name prefix (the work
 * dir's, or the shared store's), so another work dir's or store's hosts are never touched, and
 * removed with the lab's own script. With a shared store other agents' environments have the same
 * prefix but no inventory here: only the environments this run took down are swept.
 */
public final class LabLeftovers {
  static final Path LAB_ROOT = Path.of("/var/lib/parity-lab");
  private static final Duration STEP = Duration.ofMinutes(2);

  private LabLeftovers() {}

  /**
   * The namespaces with this prefix that no environment's inventory names; {@code only}, when
   * given, limits them to the hosts of those environments.
   */
  public static List<String> find(
      String prefix, WorkDir workDir, Optional<Set<String>> only, ProcessRunner runner) {
    var listed =
        runner.run(ProcessSpec.of("ip", List.of("ip", "netns", "list"), Path.of("/"), STEP));
    if (!listed.succeeded()) {
      return List.of(); // no namespaces here (or no right to list them): nothing of ours either
    }
    return leftovers(listed.stdout(), prefix, known(workDir), only);
  }

  /** Of {@code ip netns list}'s output, the hosts of this prefix that are leftovers. */
  static List<String> leftovers(
      String netnsList, String prefix, Set<String> known, Optional<Set<String>> only) {
    return netnsList
        .lines()
        .map(l -> l.strip().split("\\s+")[0])
        .filter(ns -> ns.startsWith(prefix + "-") && !known.contains(ns))
        .filter(
            ns ->
                only.isEmpty()
                    || environmentOf(ns.substring(prefix.length() + 1))
                        .filter(only.get()::contains)
                        .isPresent())
        .sorted()
        .toList();
  }

  /** The environment of a lab host named "<environment>-<role>-<index>", as the module names it. */
  static Optional<String> environmentOf(String host) {
    int index = host.lastIndexOf('-');
    int role = index > 0 ? host.lastIndexOf('-', index - 1) : -1;
    return role > 0 ? Optional.of(host.substring(0, role)) : Optional.empty();
  }

  /**
   * Removes the leftover hosts (everything they ran, their disks), then this work dir's lab disks
   * and bridges that no environment uses any more.
   */
  public static void remove(
      List<String> namespaces, Path script, String prefix, WorkDir workDir, ProcessRunner runner) {
    Path root = LAB_ROOT.resolve(prefix);
    Set<String> environments = new TreeSet<>();
    for (String ns : namespaces) {
      String host = ns.substring(prefix.length() + 1);
      environmentOf(host).ifPresent(environments::add);
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
