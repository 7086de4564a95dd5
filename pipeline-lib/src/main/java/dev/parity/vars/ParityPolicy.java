package dev.parity.vars;

import java.util.List;

/**
 * The rules environments are held to, from common.yml's {@code parity:}.
 *
 * @param prodLike environments that keep identical topology
 * @param maxPatchLag patch releases an environment may trail the leading one (0: none)
 * @param patchWindowDays days an environment may trail once the newer patch appeared (0: no limit
 *     by time)
 * @param mayVary key patterns allowed to differ between environments
 * @param promotion every environment in promotion order, or empty when not declared
 */
public record ParityPolicy(
    List<String> prodLike,
    int maxPatchLag,
    int patchWindowDays,
    List<String> mayVary,
    List<String> promotion) {
  public ParityPolicy {
    prodLike = List.copyOf(prodLike);
    mayVary = List.copyOf(mayVary);
    promotion = List.copyOf(promotion);
  }

  public ParityPolicy(
      List<String> prodLike, int maxPatchLag, int patchWindowDays, List<String> mayVary) {
    this(prodLike, maxPatchLag, patchWindowDays, mayVary, List.of());
  }

  /**
   * The environments in promotion order: as {@code parity.promotion} declares it; without it, the
   * others by name, then the prod-like ones as the policy lists them.
   */
  public List<String> order(java.util.Collection<String> names) {
    List<String> ordered = new java.util.ArrayList<>();
    if (!promotion.isEmpty()) {
      promotion.stream().filter(names::contains).forEach(ordered::add);
    } else {
      names.stream().filter(n -> !prodLike.contains(n)).sorted().forEach(ordered::add);
      prodLike.stream().filter(names::contains).forEach(ordered::add);
    }
    names.stream().filter(n -> !ordered.contains(n)).sorted().forEach(ordered::add);
    return ordered;
  }

  public static ParityPolicy strict() {
    return new ParityPolicy(List.of(), 0, 0, List.of());
  }
}
