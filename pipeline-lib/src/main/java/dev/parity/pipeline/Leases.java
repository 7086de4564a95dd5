package dev.parity.pipeline;

import dev.parity.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The leases of several environments, taken together at a command's start in a fixed order (so that
 * two commands never wait on each other crosswise) and released together at its end. Taking one
 * fails at once; those already taken are released.
 */
public final class Leases implements AutoCloseable {
  private final Map<String, Store.Lease> held;

  private Leases(Map<String, Store.Lease> held) {
    this.held = held;
  }

  public static Leases take(Store store, List<String> environments, String command) {
    Map<String, Store.Lease> held = new TreeMap<>();
    try {
      for (String env : new java.util.TreeSet<>(environments)) {
        held.put(env, store.lock(env, command));
      }
    } catch (RuntimeException e) {
      new ArrayList<>(held.values()).forEach(Store.Lease::close);
      throw e;
    }
    return new Leases(held);
  }

  /** The lease of one of the environments. */
  public Store.Lease of(String environment) {
    Store.Lease lease = held.get(environment);
    if (lease == null) {
      throw new IllegalStateException("no lease of " + environment + " was taken");
    }
    return lease;
  }

  @Override
  public void close() {
    held.values().forEach(Store.Lease::close);
  }
}
