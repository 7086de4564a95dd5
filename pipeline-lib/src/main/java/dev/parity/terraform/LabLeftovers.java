package dev.parity.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.process.ProcessRunner;
import dev.parity.process.ProcessSpec;
import dev.parity.workdir.WorkDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
    // environment -> the bridges its leftover hosts were linked to, as the lab's script recorded
    // them on each host's disk when it made the host (parity never recomputes the module's names)
    Map<String, Set<String>> bridges = new TreeMap<>();
    for (String ns : namespaces) {
      String host = ns.substring(prefix.length() + 1);
      Optional<String> environment = environmentOf(host);
      Optional<String> bridge = recordedBridge(root.resolve(host));
      if (environment.isPresent() && bridge.isPresent()) {
        bridges.computeIfAbsent(environment.get(), e -> new TreeSet<>()).add(bridge.get());
      }
      runner.run(
          ProcessSpec.of(
              "lab-host.sh",
              List.of(script.toString(), "destroy", ns, "none", root.resolve(host).toString()),
              Path.of("/"),
              STEP));
    }
    Set<String> deployed = new HashSet<>(workDir.deployedEnvironments());
    bridges.forEach(
        (env, names) -> {
          if (!deployed.contains(env)) {
            for (String bridge : names) {
              runner.run(
                  ProcessSpec.of(
                      "lab-host.sh",
                      List.of(script.toString(), "network-down", bridge, root.toString()),
                      Path.of("/"),
                      STEP));
            }
          }
        });
  }

  /** The bridge a lab host's directory says it was linked to, when it says one. */
  static Optional<String> recordedBridge(Path hostDir) {
    try {
      String name = Files.readString(hostDir.resolve("bridge")).strip();
      // an interface name, nothing else, before it reaches a command line
      return name.matches("[A-Za-z0-9_.-]{1,15}") ? Optional.of(name) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Set<String> known(WorkDir workDir) {
    Set<String> known = new HashSet<>();
    for (String env : workDir.deployedEnvironments()) {
      for (JsonNode node :
          dev.parity.inventory.InventoryContract.readRecorded(
                  workDir.environment(env).inventory(), env)
              .map(i -> i.path("nodes"))
              .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance())) {
        if (node.path("lab").isObject()) {
          known.add(node.path("lab").path("namespace").asText());
        }
      }
    }
    return known;
  }
}
