package dev.parity.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.ansible.Inventory;
import dev.parity.inventory.InventoryContract;
import dev.parity.probe.Observation;
import dev.parity.probe.ProbePool;
import dev.parity.probe.Probes;
import dev.parity.probe.VersionProbe;
import dev.parity.process.ProcessRunner;
import dev.parity.render.SecretHandoff;
import dev.parity.secret.SecretResolver;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.ServiceSpec;
import dev.parity.workdir.WorkDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Asks every node of an environment what its services run and compares with the variable set:
 * reachable, the exact declared version (no patch lag between declared and live), and the declared
 * number of nodes per role.
 */
public final class LiveAssertions {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private final ProbePool pool;
  private final ProcessRunner runner;
  private final Duration timeout;
  private final Clock clock;

  public LiveAssertions(ProbePool pool, ProcessRunner runner, Duration timeout, Clock clock) {
    this.pool = pool;
    this.runner = runner;
    this.timeout = timeout;
    this.clock = clock;
  }

  /**
   * The assertions of a deployed environment: its inventory from the work dir, its secrets resolved
   * (the PostgreSQL probe logs in with db_password). Empty when the environment has no inventory
   * (never applied).
   */
  public static Optional<EnvironmentAssertions> ofDeployed(
      WorkDir workDir,
      dev.parity.store.Store store,
      EnvironmentSpec spec,
      Map<String, String> env,
      ProcessRunner runner,
      Clock clock) {
    Path inventory = workDir.environment(spec.name()).inventory();
    if (!Files.isRegularFile(inventory)) {
      return Optional.empty();
    }
    JsonNode inv = InventoryContract.readRecorded(inventory, spec.name()).orElseThrow();
    SecretHandoff secrets =
        SecretHandoff.resolve(spec, new SecretResolver(env, store.generatedSecrets(spec.name())));
    EnvironmentAssertions services =
        new LiveAssertions(new ProbePool(ProbePool.DEFAULT_THREADS), runner, DEFAULT_TIMEOUT, clock)
            .check(spec, inv, secrets.values());
    List<AssertionResult> tools =
        ToolAssertions.check(
            spec, inv, secrets.values(), inventory.getParent().resolve("ssh-tools"), runner, env);
    if (tools.isEmpty()) {
      return Optional.of(services);
    }
    List<AssertionResult> all = new ArrayList<>(services.results());
    all.addAll(tools);
    return Optional.of(
        new EnvironmentAssertions(
            services.environment(),
            services.started(),
            services.millis(),
            all,
            services.connections()));
  }

  /**
   * @param inventory the engine's inventory output for the environment
   * @param secrets the environment's secret values (the PostgreSQL probe logs in with db_password)
   */
  public EnvironmentAssertions check(
      EnvironmentSpec spec, JsonNode inventory, Map<String, String> secrets) {
    Instant start = clock.instant();
    long t0 = System.nanoTime();
    List<String[]> targets = new ArrayList<>(); // node, service, expected
    List<VersionProbe> probes = new ArrayList<>();
    Map<String, Integer> counted = new TreeMap<>();
    // SSH nodes reached directly (not through a bastion, which the controller cannot see past):
    // their SSH server too, so a node that serves but cannot be configured is named as such.
    List<String[]> sshTargets = new ArrayList<>(); // node, host:port
    List<VersionProbe> sshProbes = new ArrayList<>();
    List<AssertionResult> notVerifiable = new ArrayList<>();
    for (JsonNode node : Inventory.nodes(inventory)) {
      String name = node.path("name").asText();
      counted.merge(node.path("role").asText(), 1, Integer::sum);
      if (Inventory.isSsh(node) && spec.access().ssh().bastion() == null) {
        String host = node.path("ssh").path("host").asText(node.path("address").asText());
        int port = node.path("ssh").path("port").asInt(22);
        sshTargets.add(new String[] {name, host + ":" + port});
        sshProbes.add(Probes.ssh(host, port));
      }
      for (ServiceSpec service : spec.services().values()) {
        if (!service.role().equals(node.path("role").asText()) || !verifiable(service)) {
          continue;
        }
        int port = port(spec, service, node);
        targets.add(new String[] {name, service.name(), service.version()});
        probes.add(probe(service, node.path("address").asText(), port, secrets));
      }
    }
    // A kind parity has no probe for, and none declared: never read from an open port.
    for (JsonNode node : Inventory.nodes(inventory)) {
      for (ServiceSpec service : spec.services().values()) {
        if (!service.role().equals(node.path("role").asText()) || verifiable(service)) {
          continue;
        }
        notVerifiable.add(
            new AssertionResult(
                spec.name(),
                node.path("name").asText(),
                service.name(),
                "version",
                false,
                service.version(),
                AssertionResult.NOT_VERIFIABLE,
                node.path("name").asText()
                    + " "
                    + service.name()
                    + ": version not verifiable: parity has no probe for "
                    + service.name()
                    + "; declare services."
                    + service.name()
                    + ".probe (http, command or tcp with a regex)",
                0));
      }
    }
    List<VersionProbe> all = new ArrayList<>(probes);
    all.addAll(sshProbes);
    List<Observation> observed = pool.observeAll(all, timeout);
    List<AssertionResult> results = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      String[] t = targets.get(i);
      Observation o = observed.get(i);
      results.add(versionResult(spec.name(), t[0], t[1], t[2], o));
    }
    results.addAll(notVerifiable);
    results.addAll(replication(spec, inventory, secrets, results));
    for (int i = 0; i < sshTargets.size(); i++) {
      String node = sshTargets.get(i)[0];
      Observation o = observed.get(targets.size() + i);
      boolean servicesAnswer =
          results.stream()
              .filter(r -> r.node().equals(node))
              .anyMatch(r -> !AssertionResult.UNREACHABLE.equals(r.observed()));
      if (!o.reachable() && servicesAnswer) {
        results.add(
            AssertionResult.unmanageable(
                spec.name(), node, sshTargets.get(i)[1], o.error(), o.took().toMillis()));
      }
    }
    spec.topology()
        .forEach(
            (role, expected) -> {
              int actual = counted.getOrDefault(role, 0);
              results.add(
                  new AssertionResult(
                      spec.name(),
                      role,
                      "nodes",
                      "node-count",
                      actual == expected,
                      Integer.toString(expected),
                      Integer.toString(actual),
                      actual == expected
                          ? ""
                          : spec.name()
                              + " has "
                              + actual
                              + " "
                              + role
                              + " node(s); topology."
                              + role
                              + " declares "
                              + expected,
                      0));
            });
    return new EnvironmentAssertions(
        spec.name(),
        start.toString(),
        (System.nanoTime() - t0) / 1_000_000,
        results,
        ClientConnection.of(spec, inventory));
  }

  /**
   * Each streaming service's role: what its nodes that answered the version probe say of their part
   * (one that did not answer is named once, by the version check).
   */
  private List<AssertionResult> replication(
      EnvironmentSpec spec,
      JsonNode inventory,
      Map<String, String> secrets,
      List<AssertionResult> versions) {
    List<AssertionResult> results = new ArrayList<>();
    for (ServiceSpec service : spec.services().values()) {
      if (!service.streams() || spec.topology().getOrDefault(service.role(), 0) < 2) {
        continue;
      }
      // Asked one after another: only nodes that just answered, each within the timeout.
      List<dev.parity.probe.ReplicationState> states = new ArrayList<>();
      for (JsonNode node : Inventory.nodes(inventory)) {
        String name = node.path("name").asText();
        boolean answered =
            versions.stream()
                .anyMatch(
                    r ->
                        r.node().equals(name)
                            && r.service().equals(service.name())
                            && !AssertionResult.UNREACHABLE.equals(r.observed()));
        if (!service.role().equals(node.path("role").asText()) || !answered) {
          continue;
        }
        int port = port(spec, service, node);
        states.add(
            Probes.replication(
                name,
                node.path("address").asText(),
                port,
                "postgres",
                secrets.get("db_password"),
                timeout));
      }
      results.addAll(ReplicationAssertions.of(spec.name(), service, states));
    }
    return results;
  }

  /** Where a node serves the service: the inventory's port, else base + offset + index. */
  static int port(EnvironmentSpec spec, ServiceSpec service, JsonNode node) {
    return node.path("ports")
        .path(service.name())
        .asInt(service.port() + spec.portOffset() + node.path("index").asInt());
  }

  static AssertionResult versionResult(
      String env, String node, String service, String expected, Observation o) {
    long ms = o.took().toMillis();
    if (!o.reachable()) {
      return new AssertionResult(
          env,
          node,
          service,
          "version",
          false,
          expected,
          AssertionResult.UNREACHABLE,
          node + " " + service + " is unreachable: " + o.error(),
          ms);
    }
    if (o.version() == null) {
      return new AssertionResult(
          env,
          node,
          service,
          "version",
          false,
          expected,
          "reachable",
          node + " " + service + " answers but reports no version; declare a version probe for it",
          ms);
    }
    boolean same = o.version().equals(expected);
    return new AssertionResult(
        env,
        node,
        service,
        "version",
        same,
        expected,
        o.version(),
        same
            ? ""
            : node + " " + service + " runs " + o.version() + " but " + expected + " is declared",
        ms);
  }

  /** Whether its version can be read: a declared probe, or a kind parity has a probe for. */
  private static boolean verifiable(ServiceSpec service) {
    return service.probe() != null || dev.parity.vars.ServiceKind.of(service.name()).isPresent();
  }

  private VersionProbe probe(
      ServiceSpec service, String host, int port, Map<String, String> secrets) {
    VersionProbe probe = byType(service, host, port, secrets);
    Integer own = service.probe() == null ? null : service.probe().timeoutMs();
    // A service's own timeout_ms, capped by the run's timeout (the pool waits no longer than that).
    return own == null ? probe : t -> probe.observe(Duration.ofMillis(Math.min(own, t.toMillis())));
  }

  private VersionProbe byType(
      ServiceSpec service, String host, int port, Map<String, String> secrets) {
    ServiceSpec.ProbeSpec p = service.probe();
    String type =
        p != null ? p.type() : dev.parity.vars.ServiceKind.of(service.name()).orElseThrow().probe();
    return switch (type) {
      case "postgresql" -> Probes.postgres(host, port, "postgres", secrets.get("db_password"));
      case "memcached" -> Probes.memcached(host, port);
      case "http" -> Probes.http(fill(p.url(), host, port), p.jsonPointer(), p.regex());
      case "command" ->
          Probes.command(
              runner, p.command().stream().map(a -> fill(a, host, port)).toList(), p.regex());
      default -> Probes.tcp(host, port);
    };
  }

  private static String fill(String template, String host, int port) {
    return template.replace("{host}", host).replace("{port}", Integer.toString(port));
  }
}
