package dev.parity.pipeline;

import dev.parity.assertion.AssertionResult;
import dev.parity.assertion.EnvironmentAssertions;
import dev.parity.change.Approval;
import dev.parity.change.Gate;
import dev.parity.error.ParityException;
import dev.parity.store.Store;
import dev.parity.terraform.Infrastructure;
import dev.parity.vars.EnvironmentSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Finds drift in three layers — infrastructure (the plan has changes), configuration (check mode
 * would change something), versions (live assertions fail) — and, with restore, repairs it (apply,
 * configure, assert again). Environments run in parallel up to a bound; one failing does not stop
 * the others.
 */
public final class Reconcile {
  private final Stack stack;

  public Reconcile(Stack stack) {
    this.stack = stack;
  }

  /** Drift per layer: empty lists mean none. */
  public record Drift(
      List<String> infrastructure, List<String> configuration, List<String> versions) {
    public Drift {
      infrastructure = List.copyOf(infrastructure);
      configuration = List.copyOf(configuration);
      versions = List.copyOf(versions);
    }

    public boolean any() {
      return !infrastructure.isEmpty() || !configuration.isEmpty() || !versions.isEmpty();
    }
  }

  /**
   * One environment's reconciliation.
   *
   * @param before the drift found
   * @param after the drift left after repair (null when not restored)
   * @param error why it could not be examined or repaired, or null
   */
  public record Result(String environment, Drift before, Drift after, String error) {
    public boolean driftLeft() {
      return after != null ? after.any() : before != null && before.any();
    }
  }

  /**
   * Reconciles each environment, each holding its own lease from its start to its end.
   *
   * @param approval what a person approved for repairs of protected environments
   */
  public List<Result> run(
      List<EnvironmentSpec> specs, boolean restore, int parallel, Approval approval) {
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, specs.size())));
    try {
      List<Future<Result>> futures = new ArrayList<>();
      for (EnvironmentSpec spec : specs) {
        futures.add(pool.submit(() -> one(spec, restore, approval)));
      }
      List<Result> results = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        try {
          results.add(futures.get(i).get());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          results.add(new Result(specs.get(i).name(), null, null, "interrupted"));
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          // a failure parity did not foresee still names itself: never "ERROR null"
          String why =
              cause.getMessage() != null
                  ? cause.getMessage()
                  : "unexpected " + cause.getClass().getName();
          results.add(new Result(specs.get(i).name(), null, null, why));
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private Result one(EnvironmentSpec spec, boolean restore, Approval approval) {
    try (var lease = stack.store().lock(spec.name(), "reconcile")) {
      return examineAndRepair(spec, restore, approval, lease);
    } catch (ParityException e) {
      return new Result(spec.name(), null, null, e.getMessage());
    }
  }

  private Result examineAndRepair(
      EnvironmentSpec spec, boolean restore, Approval approval, Store.Lease lease) {
    Examined before;
    try {
      before = examine(spec, lease);
    } catch (ParityException e) {
      return new Result(spec.name(), null, null, e.getMessage());
    }
    if (!restore || !before.drift().any()) {
      return new Result(spec.name(), before.drift(), null, null);
    }
    try {
      Gate.pass(
          "reconcile --restore --env " + spec.name(),
          spec.isProtected(),
          approval,
          () -> new ChangeSets(stack).deploy(spec, before.plan(), lease));
    } catch (Gate.Refused e) {
      return new Result(spec.name(), before.drift(), null, "repair refused: " + e.getMessage());
    }
    try {
      if (!before.drift().infrastructure().isEmpty()) {
        stack
            .infrastructure()
            .apply(spec, false, lease, () -> Retire.leavingNodes(stack, spec, lease, line -> {}));
      }
      stack.configuration().configure(spec, false, null, lease);
      return new Result(spec.name(), before.drift(), examine(spec, lease).drift(), null);
    } catch (ParityException e) {
      return new Result(spec.name(), before.drift(), null, "repair failed: " + e.getMessage());
    }
  }

  /** The drift found, and the plan it was found with (what a repair applies). */
  private record Examined(Drift drift, Infrastructure.PlanOutcome plan) {}

  private Examined examine(EnvironmentSpec spec, Store.Lease lease) {
    var plan = stack.infrastructure().plan(spec, lease);
    List<String> infra = new ArrayList<>();
    if (plan.hasChanges()) {
      var s = plan.summary();
      infra.add(
          s.count("create")
              + " to create, "
              + s.count("update")
              + " to update, "
              + s.count("replace")
              + " to replace, "
              + s.count("delete")
              + " to delete");
      s.drift()
          .forEach(
              (address, action) ->
                  infra.add("changed outside the engine: " + address + " " + action));
    }
    List<String> config = new ArrayList<>();
    List<String> versions = new ArrayList<>();
    if (plan.hasChanges()) {
      // The nodes themselves differ from the variable set: configuration and versions follow once
      // they exist.
      return new Examined(new Drift(infra, config, versions), plan);
    }
    // Live first: a node that serves but whose SSH does not answer is named plainly, instead of
    // the check-mode run failing on it with SSH's own words.
    Optional<EnvironmentAssertions> live = stack.assertLive(spec);
    List<String> unmanageable =
        live
            .map(l -> l.results().stream().filter(AssertionResult::isUnmanageable).toList())
            .orElse(List.of())
            .stream()
            .map(AssertionResult::message)
            .toList();
    if (!unmanageable.isEmpty()) {
      throw new ParityException(
          spec.name()
              + " cannot be reconciled: "
              + String.join("; ", unmanageable)
              + ". Bring SSH back (or fix the node's ssh settings in the module), then reconcile");
    }
    var check = stack.configuration().configure(spec, true, null, lease);
    check.results().changed().forEach(t -> config.add(t.host() + ": " + t.task()));
    live.ifPresent(
        l ->
            l.results().stream()
                .filter(r -> !r.passed())
                .map(AssertionResult::message)
                .forEach(versions::add));
    return new Examined(new Drift(infra, config, versions), plan);
  }
}
