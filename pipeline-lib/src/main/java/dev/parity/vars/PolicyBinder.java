package dev.parity.vars;

import static dev.parity.vars.YamlValues.longOr;
import static dev.parity.vars.YamlValues.optionalMap;
import static dev.parity.vars.YamlValues.text;

import dev.parity.vars.YamlNode.YamlList;
import dev.parity.vars.YamlNode.YamlMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binds common.yml's parity policy; the environments it names must exist. */
final class PolicyBinder {
  private final Problems problems;

  PolicyBinder(Problems problems) {
    this.problems = problems;
  }

  /**
   * @param files the environments that have a file: one whose file has problems is not named again
   *     here (its own problems say what is wrong)
   */
  ParityPolicy policy(YamlMap common, Map<String, EnvironmentSpec> specs, Set<String> files) {
    YamlMap p = optionalMap(common, "parity");
    if (p == null) {
      return ParityPolicy.strict();
    }
    List<String> prodLike = new ArrayList<>();
    if (p.get("prod_like") instanceof YamlList l) {
      for (YamlNode item : l.items()) {
        String env = text(item);
        prodLike.add(env);
        if (!specs.containsKey(env)
            && !files.contains(env)
            && problems.stream().noneMatch(x -> x.key().isEmpty())) {
          problems.add(
              new VarProblem(
                  item.position(),
                  "parity.prod_like",
                  "names no environment: '"
                      + env
                      + "' (environments: "
                      + String.join(", ", specs.keySet())
                      + ")"));
        }
      }
    }
    List<String> mayVary =
        p.get("may_vary") instanceof YamlList l
            ? l.items().stream().map(YamlValues::text).toList()
            : List.of();
    List<String> promotion = new ArrayList<>();
    if (p.get("promotion") instanceof YamlList l) {
      for (YamlNode item : l.items()) {
        String env = text(item);
        if (promotion.contains(env)) {
          problems.add(
              new VarProblem(item.position(), "parity.promotion", "lists " + env + " twice"));
        } else if (!files.contains(env)) {
          problems.add(
              new VarProblem(
                  item.position(),
                  "parity.promotion",
                  "names no environment: '"
                      + env
                      + "' (environments: "
                      + String.join(", ", new java.util.TreeSet<>(files))
                      + ")"));
        }
        promotion.add(env);
      }
      List<String> missing =
          new java.util.TreeSet<>(files).stream().filter(e -> !promotion.contains(e)).toList();
      if (!missing.isEmpty()) {
        problems.add(
            new VarProblem(
                l.position(),
                "parity.promotion",
                "lists every environment once, in promotion order; missing: "
                    + String.join(", ", missing)));
      }
    }
    return new ParityPolicy(
        prodLike,
        (int) longOr(p, "max_patch_lag", 0),
        (int) longOr(p, "patch_window_days", 0),
        mayVary,
        promotion);
  }
}
