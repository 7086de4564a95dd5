package dev.parity.vars;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

/**
 * All environments of a vars directory, loaded and validated: usable only when {@link #problems()}
 * is empty.
 *
 * @param dir the vars directory
 * @param policy the parity policy from common.yml
 * @param environments the environments by name
 * @param problems every problem found, in file order
 * @param store the shared store, or null
 * @param notifyTargets the webhooks told about changes of verdict (common.yml notify)
 */
public record VarSet(
    Path dir,
    ParityPolicy policy,
    SortedMap<String, EnvironmentSpec> environments,
    List<VarProblem> problems,
    StoreSettings store,
    List<NotifyTarget> notifyTargets) {

  public VarSet {
    notifyTargets = List.copyOf(notifyTargets);
    environments =
        java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(environments));
    problems = List.copyOf(problems);
  }

  /** The shared store, when common.yml configures one; else the work dir keeps every record. */
  public java.util.Optional<StoreSettings> sharedStore() {
    return java.util.Optional.ofNullable(store);
  }

  /** Every environment, in promotion order. */
  public List<EnvironmentSpec> inPromotionOrder() {
    return policy.order(environments.keySet()).stream().map(environments::get).toList();
  }

  public boolean isValid() {
    return problems.isEmpty();
  }

  /** The environment, or a {@link VarSetException} naming the ones that exist. */
  public EnvironmentSpec environment(String name) {
    EnvironmentSpec spec = environments.get(name);
    if (spec == null) {
      throw new VarSetException(
          "no environment '"
              + name
              + "' in "
              + dir
              + " (environments: "
              + String.join(", ", environments.keySet())
              + ")",
          List.of());
    }
    return spec;
  }
}
