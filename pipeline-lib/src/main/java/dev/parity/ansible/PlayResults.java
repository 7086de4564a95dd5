package dev.parity.ansible;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a playbook run did, host by host and task by task, read from the parity_results callback's
 * JSON lines.
 *
 * @param tasks every task result in order
 * @param stats the recap per host
 */
public record PlayResults(List<TaskResult> tasks, Map<String, HostStats> stats) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public PlayResults {
    tasks = List.copyOf(tasks);
    stats = java.util.Collections.unmodifiableMap(new TreeMap<>(stats));
  }

  /** One task on one host: status ok, failed, ignored, skipped or unreachable. */
  public record TaskResult(
      String host, String task, String role, String status, boolean changed, String message) {}

  public record HostStats(int ok, int changed, int failures, int unreachable, int skipped) {}

  /** Reads the results file; a torn or garbled line (a killed run) is skipped, never fatal. */
  public static PlayResults read(Path file) throws IOException {
    List<TaskResult> tasks = new ArrayList<>();
    Map<String, HostStats> stats = new TreeMap<>();
    if (!Files.exists(file)) {
      return new PlayResults(tasks, stats);
    }
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      for (String line : (Iterable<String>) lines::iterator) {
        JsonNode n;
        try {
          n = JSON.readTree(line);
        } catch (IOException e) {
          continue;
        }
        if (n == null || !n.isObject()) {
          continue;
        }
        if ("stats".equals(n.path("event").asText())) {
          stats.put(
              n.path("host").asText(),
              new HostStats(
                  n.path("ok").asInt(),
                  n.path("changed").asInt(),
                  n.path("failures").asInt(),
                  n.path("unreachable").asInt(),
                  n.path("skipped").asInt()));
        } else if ("task".equals(n.path("event").asText())) {
          tasks.add(
              new TaskResult(
                  n.path("host").asText(),
                  n.path("task").asText(),
                  n.path("role").asText(),
                  n.path("status").asText(),
                  n.path("changed").asBoolean(),
                  n.path("msg").asText()));
        }
      }
    }
    return new PlayResults(tasks, stats);
  }

  public List<TaskResult> changed() {
    return tasks.stream().filter(t -> t.changed() && !t.status().equals("failed")).toList();
  }

  public List<TaskResult> failed() {
    return tasks.stream()
        .filter(t -> t.status().equals("failed") || t.status().equals("unreachable"))
        .toList();
  }

  public int totalChanged() {
    return stats.values().stream().mapToInt(HostStats::changed).sum();
  }
}
