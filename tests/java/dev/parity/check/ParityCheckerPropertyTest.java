package dev.parity.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.ParityPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The checker's invariants over generated environment sets. */
class ParityCheckerPropertyTest {
  private static final List<String> ENVS =
      List.of("local", "dev", "qa", "uat", "staging", "perf", "prod");
  private static final List<String> SERVICES =
      List.of("postgresql", "memcached", "redis", "rabbitmq", "kafka");

  private static ParityReport check(ParityPolicy policy, List<EnvironmentSpec> envs) {
    return new ParityChecker(
            policy,
            VersionHistory.inWorkDir(Path.of("/nonexistent/parity-history")),
            Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC))
        .check(envs);
  }

  /** Service name to version, 1 to 5 services, versions with 2 or 3 components. */
  @Provide
  Arbitrary<Map<String, String>> services() {
    Arbitrary<String> version =
        Combinators.combine(
                Arbitraries.integers().between(0, 30),
                Arbitraries.integers().between(0, 30),
                Arbitraries.integers().between(0, 40),
                Arbitraries.of(true, false))
            .as(
                (major, minor, patch, three) ->
                    three ? major + "." + minor + "." + patch : major + "." + patch);
    return Arbitraries.maps(Arbitraries.of(SERVICES), version).ofMinSize(1).ofMaxSize(5);
  }

  @Provide
  Arbitrary<List<String>> environments() {
    return Arbitraries.of(ENVS).list().uniqueElements().ofMinSize(2).ofMaxSize(ENVS.size());
  }

  @Provide
  Arbitrary<Map<String, Integer>> topology() {
    return Arbitraries.maps(
            Arbitraries.of(SERVICES).map(s -> "r_" + s), Arbitraries.integers().between(1, 4))
        .ofMaxSize(5);
  }

  @Property(tries = 300)
  void identicalEnvironmentsGiveNoFinding(
      @ForAll("environments") List<String> names,
      @ForAll("services") Map<String, String> services,
      @ForAll("topology") Map<String, Integer> topology) {
    List<EnvironmentSpec> envs =
        names.stream().map(n -> Specs.env(n, services, topology, Map.of())).toList();
    ParityPolicy policy = new ParityPolicy(names.subList(0, names.size() / 2), 1, 14, List.of());
    assertThat(check(policy, envs).findings()).isEmpty();
  }

  @Property(tries = 300)
  void changingOneEnvironmentsMajorVersionGivesExactlyOneVersionErrorNamingIt(
      @ForAll("environments") List<String> names,
      @ForAll("services") Map<String, String> services,
      @ForAll Random random) {
    String victim = names.get(random.nextInt(names.size()));
    String service = new ArrayList<>(services.keySet()).get(random.nextInt(services.size()));
    Map<String, String> changed = new TreeMap<>(services);
    String[] parts = services.get(service).split("\\.", 2);
    changed.put(service, (Integer.parseInt(parts[0]) + 1 + random.nextInt(5)) + "." + parts[1]);
    List<EnvironmentSpec> envs =
        names.stream().map(n -> Specs.env(n, n.equals(victim) ? changed : services)).toList();

    List<Finding> errors =
        check(ParityPolicy.strict(), envs).findings().stream()
            .filter(f -> f.severity() == Severity.ERROR)
            .toList();
    assertThat(errors)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("version-mismatch");
              assertThat(f.path()).isEqualTo("services." + service + ".version");
              assertThat(f.environments()).containsEntry(victim, changed.get(service));
              assertThat(f.message()).contains(victim);
            });
  }

  @Property(tries = 300)
  void theOrderOfEnvironmentsNeverChangesTheResult(
      @ForAll("environments") List<String> names,
      @ForAll("services") Map<String, String> a,
      @ForAll("services") Map<String, String> b,
      @ForAll("topology") Map<String, Integer> topology,
      @ForAll Random random) {
    List<EnvironmentSpec> envs = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      envs.add(
          Specs.env(names.get(i), i % 2 == 0 ? a : b, i % 3 == 0 ? topology : Map.of(), Map.of()));
    }
    ParityPolicy policy =
        new ParityPolicy(List.of(names.get(0), names.get(names.size() - 1)), 2, 0, List.of());
    ParityReport first = check(policy, envs);
    List<EnvironmentSpec> shuffled = new ArrayList<>(envs);
    Collections.shuffle(shuffled, random);
    assertThat(check(policy, shuffled)).isEqualTo(first);
  }
}
