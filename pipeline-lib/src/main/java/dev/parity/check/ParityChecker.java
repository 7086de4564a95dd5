package dev.parity.check;

import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.ParityPolicy;
import dev.parity.vars.ServiceSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The parity rules, applied to every environment at once. Pure: the same environments, policy,
 * history and clock always give the same report, whatever the order the environments came in.
 *
 * <ul>
 *   <li>{@code service-set}: every environment runs the same services;
 *   <li>{@code tool-set}: a tool is required by every environment that any declaration of it names;
 *   <li>{@code version-mismatch}: all version components but the last match everywhere;
 *   <li>{@code patch-lag}: the last may trail the leading environment within max_patch_lag and
 *       patch_window_days;
 *   <li>{@code topology}: prod_like environments have identical node counts; a service's role has
 *       nodes;
 *   <li>{@code replication}: prod_like environments replicate each service the same way;
 *   <li>{@code difference}: anything else that differs, unless may_vary covers it;
 *   <li>{@code sizing}: sizes may differ; reported as info.
 * </ul>
 */
public final class ParityChecker {
  /** Keys that say who an environment is and where it runs, not what it runs: never compared. */
  /** The keys not compared key by key, as the format marks them (VarSchema, Shape.Compare). */
  private static final List<String> IDENTITY = dev.parity.vars.VarSchema.notComparedKeyByKey();

  static final String ABSENT = "(absent)";

  private final ParityPolicy policy;
  private final VersionHistory history;
  private final Clock clock;

  public ParityChecker(ParityPolicy policy, VersionHistory history, Clock clock) {
    this.policy = policy;
    this.history = history;
    this.clock = clock;
  }

  public ParityReport check(List<EnvironmentSpec> specs) {
    SortedMap<String, EnvironmentSpec> envs = new TreeMap<>();
    specs.forEach(s -> envs.put(s.name(), s));
    List<Finding> findings = new ArrayList<>();
    serviceSet(envs, findings);
    toolSet(envs, findings);
    versions(envs, findings);
    topology(envs, findings);
    replication(envs, findings);
    differences(envs, findings);
    expiredExpectedDrift(envs, findings);
    List<String> order = promotionOrder(envs.keySet(), policy);
    findings.sort(
        Comparator.comparing(Finding::severity)
            .thenComparing(Finding::path)
            .thenComparing(Finding::rule)
            .thenComparing(f -> rank(f, order))
            .thenComparing(f -> f.environments().toString()));

    SortedMap<String, SortedMap<String, String>> matrix = new TreeMap<>();
    SortedMap<String, SortedMap<String, Integer>> topology = new TreeMap<>();
    envs.forEach(
        (name, spec) -> {
          SortedMap<String, String> row = new TreeMap<>();
          spec.services().forEach((s, svc) -> row.put(s, svc.version()));
          // tools beside services, where the environment requires them
          spec.requiredTools().forEach(t -> row.put("tool: " + t.name(), t.version()));
          matrix.put(name, row);
          topology.put(name, new TreeMap<>(spec.topology()));
        });
    return new ParityReport(promotionOrder(envs.keySet(), policy), matrix, topology, findings);
  }

  /**
   * An expected-drift entry past its expiry day is an error naming its owner: drift nobody renewed
   * must be looked at again, not stay hidden. Once per entry, with every environment it applies to.
   */
  private void expiredExpectedDrift(
      SortedMap<String, EnvironmentSpec> envs, List<Finding> findings) {
    java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
    Map<dev.parity.vars.ExpectedDrift, SortedMap<String, String>> byEntry =
        new java.util.LinkedHashMap<>();
    envs.forEach(
        (name, spec) ->
            dev.parity.vars.ExpectedDrift.expired(spec.expectedDrift(), today)
                .forEach(
                    e ->
                        byEntry
                            .computeIfAbsent(e, k -> new TreeMap<>())
                            .put(name, "expired " + e.expires())));
    byEntry.forEach(
        (e, environments) ->
            findings.add(
                new Finding(
                    Severity.ERROR,
                    "expected-drift-expired",
                    "parity.expected_drift",
                    environments,
                    e.what()
                        + " expired on "
                        + e.expires()
                        + ": "
                        + e.owner()
                        + " should renew it (a later expires) or remove it ("
                        + e.position()
                        + "; reason given: "
                        + e.reason()
                        + ")")));
  }

  /** A finding's place in promotion order: the ranks of its environments, earliest first. */
  private static String rank(Finding f, List<String> order) {
    return f.environments().keySet().stream()
        .map(e -> String.format("%04d", order.indexOf(e) < 0 ? 9999 : order.indexOf(e)))
        .sorted()
        .collect(Collectors.joining(","));
  }

  /** Environments in promotion order (see {@link ParityPolicy#order}). */
  public static List<String> promotionOrder(
      java.util.Collection<String> names, ParityPolicy policy) {
    return policy.order(names);
  }

  private void serviceSet(Map<String, EnvironmentSpec> envs, List<Finding> findings) {
    TreeSet<String> all = new TreeSet<>();
    envs.values().forEach(e -> all.addAll(e.services().keySet()));
    for (String service : all) {
      Map<String, String> values = new LinkedHashMap<>();
      List<String> missing = new ArrayList<>();
      envs.forEach(
          (env, spec) -> {
            ServiceSpec s = spec.services().get(service);
            values.put(env, s == null ? ABSENT : s.version());
            if (s == null) {
              missing.add(env);
            }
          });
      if (!missing.isEmpty()) {
        List<String> present = envs.keySet().stream().filter(e -> !missing.contains(e)).toList();
        findings.add(
            Finding.of(
                Severity.ERROR,
                "service-set",
                "services." + service,
                values,
                service
                    + " is missing in "
                    + String.join(", ", missing)
                    + " (declared in "
                    + String.join(", ", present)
                    + "); every environment runs the same services"));
      }
    }
  }

  /**
   * Where each tool is required, as every declaration of it says (dev.yml may require psql in prod
   * too): each of those environments must exist and require it itself, or its nodes go unchecked.
   */
  private void toolSet(Map<String, EnvironmentSpec> envs, List<Finding> findings) {
    // tool -> environment it is required in -> where the declarations that require it are
    SortedMap<String, SortedMap<String, TreeSet<String>>> requiredBy = new TreeMap<>();
    for (EnvironmentSpec declaring : envs.values()) {
      for (var tool : declaring.tools().values()) {
        // Only the environments judged here (status sees deployed ones; the loader refuses a name
        // with no variable set).
        for (String env : envs.keySet()) {
          if (tool.requiredIn(env)) {
            requiredBy
                .computeIfAbsent(tool.name(), k -> new TreeMap<>())
                .computeIfAbsent(env, k -> new TreeSet<>())
                .add(tool.position().toString());
          }
        }
      }
    }
    requiredBy.forEach(
        (tool, where) ->
            where.forEach(
                (env, declaredAt) -> {
                  if (envs.get(env).requiredTools().stream()
                      .noneMatch(t -> t.name().equals(tool))) {
                    findings.add(
                        Finding.of(
                            Severity.ERROR,
                            "tool-set",
                            "tools." + tool,
                            Map.of(env, ABSENT),
                            tool
                                + " is required in "
                                + env
                                + " (declared at "
                                + String.join(", ", declaredAt)
                                + ") but "
                                + env
                                + "'s variable set does not require it"));
                  }
                }));
  }

  private void versions(Map<String, EnvironmentSpec> envs, List<Finding> findings) {
    versions(
        envs,
        findings,
        "services",
        spec -> {
          Map<String, String> v = new TreeMap<>();
          spec.services().forEach((name, svc) -> v.put(name, svc.version()));
          return v;
        });
    // Developer tools follow the same rules, across the environments that require each.
    versions(
        envs,
        findings,
        "tools",
        spec -> {
          Map<String, String> v = new TreeMap<>();
          spec.requiredTools().forEach(t -> v.put(t.name(), t.version()));
          return v;
        });
  }

  /**
   * The version rules over what each environment declares of one kind (services, tools): name to
   * version.
   */
  private void versions(
      Map<String, EnvironmentSpec> envs,
      List<Finding> findings,
      String kind,
      java.util.function.Function<EnvironmentSpec, Map<String, String>> declaredOf) {
    TreeSet<String> all = new TreeSet<>();
    envs.values().forEach(e -> all.addAll(declaredOf.apply(e).keySet()));
    for (String service : all) {
      SortedMap<String, Version> declared = new TreeMap<>();
      envs.forEach(
          (env, spec) ->
              Optional.ofNullable(declaredOf.apply(spec).get(service))
                  .ifPresent(v -> declared.put(env, Version.parse(v))));
      if (declared.size() < 2) {
        continue;
      }
      String path = kind + "." + service + ".version";
      Map<String, String> values = new TreeMap<>();
      declared.forEach((env, v) -> values.put(env, v.text()));
      Map<String, List<String>> bySeries = new TreeMap<>();
      declared.forEach(
          (env, v) ->
              bySeries
                  .computeIfAbsent(v.series() + "#" + v.components().size(), k -> new ArrayList<>())
                  .add(env));
      if (bySeries.size() > 1) {
        String groups =
            declared.entrySet().stream()
                .collect(
                    Collectors.groupingBy(
                        e -> e.getValue().text(),
                        TreeMap::new,
                        Collectors.mapping(Map.Entry::getKey, Collectors.joining(", "))))
                .entrySet()
                .stream()
                .map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
        findings.add(
            Finding.of(
                Severity.ERROR,
                "version-mismatch",
                path,
                values,
                service
                    + " versions differ beyond the patch level: "
                    + groups
                    + "; only the last component may differ"));
        continue;
      }
      Version leading = declared.values().stream().max(Comparator.naturalOrder()).orElseThrow();
      List<String> leaders =
          declared.entrySet().stream()
              .filter(e -> e.getValue().compareTo(leading) == 0)
              .map(Map.Entry::getKey)
              .toList();
      // The history is read only when an environment trails: a set in parity needs none.
      boolean anyTrails = declared.values().stream().anyMatch(v -> v.compareTo(leading) < 0);
      Optional<Instant> since =
          anyTrails ? history.firstReached(service, leading.text()) : Optional.empty();
      // Findings in promotion order: the environments as people think of them.
      policy
          .order(declared.keySet())
          .forEach(
              env -> {
                Version v = declared.get(env);
                int lag = leading.patch() - v.patch();
                if (lag <= 0) {
                  return;
                }
                String trail =
                    service
                        + " in "
                        + env
                        + " trails "
                        + String.join(", ", leaders)
                        + " by "
                        + lag
                        + " patch release"
                        + (lag == 1 ? "" : "s")
                        + " ("
                        + v
                        + " vs "
                        + leading
                        + ")";
                Map<String, String> pair = new TreeMap<>();
                pair.put(env, v.text());
                leaders.forEach(l -> pair.put(l, leading.text()));
                if (lag > policy.maxPatchLag()) {
                  findings.add(
                      Finding.of(
                          Severity.ERROR,
                          "patch-lag",
                          path,
                          pair,
                          trail + "; parity.max_patch_lag allows " + policy.maxPatchLag()));
                  return;
                }
                if (policy.patchWindowDays() > 0 && since.isPresent()) {
                  PatchClock clock = new PatchClock(since.get(), policy.patchWindowDays(), clock());
                  findings.add(
                      Finding.withClock(
                          clock.closed() ? Severity.ERROR : Severity.WARNING,
                          clock.closed() ? "patch-window" : "patch-lag",
                          path,
                          pair,
                          trail
                              + ", "
                              + clock.describe()
                              + (clock.closed()
                                  ? "; parity.patch_window_days allows " + policy.patchWindowDays()
                                  : " (" + clock.daysLeft() + " days left)"),
                          clock));
                  return;
                }
                // Within the lag; the window's clock starts at the newer patch's first deploy.
                findings.add(
                    Finding.of(
                        Severity.WARNING,
                        "patch-lag",
                        path,
                        pair,
                        trail
                            + ", within max_patch_lag "
                            + policy.maxPatchLag()
                            + (policy.patchWindowDays() > 0
                                ? "; the "
                                    + policy.patchWindowDays()
                                    + "-day window starts when "
                                    + leading
                                    + " is first deployed or rolled out (none recorded yet)"
                                : "")));
              });
    }
  }

  private Instant clock() {
    return clock.instant();
  }

  /**
   * Prod-like environments replicate a service the same way (a standby in staging but none in prod
   * is a patch rehearsed on another shape); the others may run one node without it.
   */
  private void replication(Map<String, EnvironmentSpec> envs, List<Finding> findings) {
    List<String> prodLike = policy.prodLike().stream().filter(envs::containsKey).sorted().toList();
    TreeSet<String> services = new TreeSet<>();
    prodLike.forEach(env -> services.addAll(envs.get(env).services().keySet()));
    for (String service : services) {
      Map<String, String> modes = new TreeMap<>();
      for (String env : prodLike) {
        ServiceSpec s = envs.get(env).services().get(service);
        if (s != null) {
          modes.put(
              env, s.replication() == null ? ServiceSpec.Replication.NONE : s.replication().mode());
        }
      }
      if (new TreeSet<>(modes.values()).size() > 1) {
        findings.add(
            Finding.of(
                Severity.ERROR,
                "replication",
                "services." + service + ".replication.mode",
                modes,
                "prod-like environments ("
                    + String.join(", ", modes.keySet())
                    + ") replicate "
                    + service
                    + " differently: "
                    + describe(modes)));
      }
    }
  }

  private void topology(Map<String, EnvironmentSpec> envs, List<Finding> findings) {
    List<String> prodLike = policy.prodLike().stream().filter(envs::containsKey).sorted().toList();
    TreeSet<String> roles = new TreeSet<>();
    envs.values().forEach(e -> roles.addAll(e.topology().keySet()));
    for (String role : roles) {
      String path = "topology." + role;
      Map<String, String> counts = new TreeMap<>();
      prodLike.forEach(env -> counts.put(env, count(envs.get(env), role)));
      if (new TreeSet<>(counts.values()).size() > 1) {
        findings.add(
            Finding.of(
                Severity.ERROR,
                "topology",
                path,
                counts,
                "prod-like environments ("
                    + String.join(", ", prodLike)
                    + ") run different numbers of "
                    + role
                    + " nodes: "
                    + describe(counts)));
      }
      int prodMax =
          prodLike.stream()
              .mapToInt(e -> envs.get(e).topology().getOrDefault(role, 0))
              .max()
              .orElse(-1);
      envs.forEach(
          (env, spec) -> {
            if (prodMax >= 0
                && !prodLike.contains(env)
                && spec.topology().getOrDefault(role, 0) > prodMax) {
              findings.add(
                  Finding.of(
                      Severity.WARNING,
                      "topology",
                      path,
                      Map.of(env, count(spec, role)),
                      env
                          + " runs more "
                          + role
                          + " nodes ("
                          + count(spec, role)
                          + ") than any prod-like environment ("
                          + prodMax
                          + ")"));
            }
          });
    }
    envs.forEach(
        (env, spec) ->
            spec.services()
                .values()
                .forEach(
                    s -> {
                      if (spec.topology().getOrDefault(s.role(), 0) == 0) {
                        findings.add(
                            Finding.of(
                                Severity.ERROR,
                                "topology",
                                "topology." + s.role(),
                                Map.of(env, count(spec, s.role())),
                                s.name()
                                    + " runs on role "
                                    + s.role()
                                    + ", which has no nodes in "
                                    + env));
                      }
                    }));
  }

  private void differences(Map<String, EnvironmentSpec> envs, List<Finding> findings) {
    TreeSet<String> paths = new TreeSet<>();
    envs.values().forEach(e -> paths.addAll(e.leaves().keySet()));
    for (String path : paths) {
      boolean sizing = path.startsWith("sizing.");
      if (!sizing && IDENTITY.stream().anyMatch(p -> KeyPattern.covers(p, path))) {
        continue;
      }
      if (!sizing && path.startsWith("services.") && isMissingService(envs, path)) {
        continue; // already reported by service-set
      }
      Map<String, String> raw = new TreeMap<>();
      envs.forEach(
          (env, spec) ->
              raw.put(
                  env,
                  Optional.ofNullable(spec.leaves().get(path)).map(s -> s.text()).orElse(ABSENT)));
      if (new TreeSet<>(raw.values()).size() <= 1) {
        continue;
      }
      Map<String, String> values = shown(path, raw);
      if (sizing) {
        findings.add(
            Finding.of(
                Severity.INFO,
                "sizing",
                path,
                values,
                path + " differs (sizes may): " + describe(values)));
      } else if (policy.mayVary().stream().noneMatch(p -> KeyPattern.covers(p, path))) {
        findings.add(
            Finding.of(
                Severity.ERROR,
                "difference",
                path,
                values,
                path
                    + " differs: "
                    + describe(values)
                    + "; make it equal, or allow it with parity.may_vary"));
      }
    }
  }

  /**
   * The values as check prints them: never one that is, or looks like, a secret (the difference is
   * found on the values themselves, then reported without them).
   */
  private static Map<String, String> shown(String path, Map<String, String> values) {
    boolean secret =
        dev.parity.vars.Secretish.path(path)
            || values.values().stream().anyMatch(dev.parity.vars.Secretish::value);
    if (!secret) {
      return values;
    }
    Map<String, String> masked = new TreeMap<>();
    values.forEach((env, v) -> masked.put(env, v.equals(ABSENT) ? v : "(not shown)"));
    return masked;
  }

  private static boolean isMissingService(Map<String, EnvironmentSpec> envs, String path) {
    String service = path.split("\\.")[1];
    return envs.values().stream().anyMatch(e -> !e.services().containsKey(service));
  }

  private static String count(EnvironmentSpec spec, String role) {
    return Integer.toString(spec.topology().getOrDefault(role, 0));
  }

  private static String describe(Map<String, String> values) {
    return values.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
