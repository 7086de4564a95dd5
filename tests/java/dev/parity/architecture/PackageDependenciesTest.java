package dev.parity.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages' dependency picture, read from the sources (every reference to dev.parity.X., an
 * import or a qualified name): no cycle, and the ground floor (contract, error, process, secret,
 * text, workdir) never reaches up to the variable set or anything above it; the root exception's
 * package (error) depends on nothing.
 */
class PackageDependenciesTest {
  private static final Path SOURCES = Path.of("src", "main", "java", "dev", "parity");
  private static final Pattern REFERENCE = Pattern.compile("dev\\.parity\\.([a-z]+)\\.");
  private static final Set<String> GROUND =
      Set.of("contract", "error", "process", "secret", "text", "workdir");

  static Map<String, Set<String>> graph() throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> packages = Files.list(SOURCES)) {
      for (Path dir : packages.filter(Files::isDirectory).toList()) {
        String name = dir.getFileName().toString();
        Set<String> uses = graph.computeIfAbsent(name, k -> new TreeSet<>());
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
            Matcher m = REFERENCE.matcher(Files.readString(file));
            while (m.find()) {
              if (!m.group(1).equals(name)) {
                uses.add(m.group(1));
              }
            }
          }
        }
      }
    }
    return graph;
  }

  @Test
  void thePackagesFormNoCycle() throws IOException {
    Map<String, Set<String>> graph = graph();
    assertThat(graph).containsKeys("cli", "vars", "process");
    List<String> cycles = new ArrayList<>();
    for (String start : graph.keySet()) {
      path(graph, start, new ArrayList<>(List.of(start)), cycles);
    }
    assertThat(cycles).as("package cycles").isEmpty();
  }

  private static void path(
      Map<String, Set<String>> graph, String at, List<String> path, List<String> cycles) {
    for (String next : graph.getOrDefault(at, Set.of())) {
      if (next.equals(path.get(0))) {
        cycles.add(String.join(" -> ", path) + " -> " + next);
      } else if (!path.contains(next) && next.compareTo(path.get(0)) > 0) {
        path.add(next);
        path(graph, next, path, cycles);
        path.remove(path.size() - 1);
      }
    }
  }

  @Test
  void theRootExceptionDependsOnNothing() throws IOException {
    assertThat(graph().get("error")).isEmpty();
  }

  @Test
  void theGroundFloorDependsOnlyOnTheGroundFloor() throws IOException {
    Map<String, Set<String>> graph = graph();
    for (String ground : GROUND) {
      assertThat(graph.get(ground)).as(ground + " uses").isSubsetOf(GROUND);
    }
  }

  @Test
  void aCycleIsFound() {
    // The check above can fail: a made-up picture with one cycle is caught.
    Map<String, Set<String>> cyclic =
        Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
    List<String> cycles = new ArrayList<>();
    for (String start : new TreeSet<>(cyclic.keySet())) {
      path(cyclic, start, new ArrayList<>(List.of(start)), cycles);
    }
    assertThat(cycles).containsExactly("a -> b -> c -> a");
  }
}
