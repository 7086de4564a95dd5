package dev.parity.assertion;

import java.util.List;

/**
 * The assertions of one environment, as one run made them.
 *
 * @param environment the environment
 * @param started when the probes started (ISO-8601)
 * @param millis how long they took in all
 * @param results node x service version checks, then node counts
 * @param connections how clients reach its PostgreSQL services (multi-host connection strings)
 */
public record EnvironmentAssertions(
    String environment,
    String started,
    long millis,
    List<AssertionResult> results,
    List<ClientConnection> connections) {
  public EnvironmentAssertions {
    results = List.copyOf(results);
    connections = connections == null ? List.of() : List.copyOf(connections);
  }

  public EnvironmentAssertions(
      String environment, String started, long millis, List<AssertionResult> results) {
    this(environment, started, millis, results, List.of());
  }

  public long failures() {
    return results.stream().filter(r -> !r.passed()).count();
  }

  public boolean passed() {
    return failures() == 0;
  }
}
