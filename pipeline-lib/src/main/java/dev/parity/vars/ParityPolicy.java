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
 */
public record ParityPolicy(
    List<String> prodLike, int maxPatchLag, int patchWindowDays, List<String> mayVary) {
  public ParityPolicy {
    prodLike = List.copyOf(prodLike);
    mayVary = List.copyOf(mayVary);
  }

  public static ParityPolicy strict() {
    return new ParityPolicy(List.of(), 0, 0, List.of());
  }
}
