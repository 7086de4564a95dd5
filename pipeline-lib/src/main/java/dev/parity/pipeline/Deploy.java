package dev.parity.pipeline;

import dev.parity.assertion.EnvironmentAssertions;
import dev.parity.change.Approval;
import dev.parity.change.Gate;
import dev.parity.check.Finding;
import dev.parity.check.ParityReport;
import dev.parity.check.Severity;
import dev.parity.error.ParityException;
import dev.parity.store.Store;
import dev.parity.terraform.Infrastructure;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.VarSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One environment, all the way: check (parity across every environment) → plan → the gate (over the
 * whole change set) → apply → configure → assert. Stops at the first failing stage with that
 * stage's exit code and says which stage.
 */
public final class Deploy {
  private final Stack stack;
  private final Consumer<String> console;
  private final java.time.Instant started = java.time.Instant.now();

  public Deploy(Stack stack, Consumer<String> console) {
    this.stack = stack;
    this.console = console;
  }

  /**
   * Deploys one environment, holding its lease for the whole run (taken by the command).
   *
   * @param approval what a person approved: the gate lets a protected environment change only with
   *     --auto-approve or the SHA-256 of the change set computed now
   * @param allowDestroy allow deletes and replaces in a protected environment
   * @param lease the command's lease of the environment
   */
  public EnvironmentAssertions deploy(
      VarSet set,
      EnvironmentSpec spec,
      Approval approval,
      boolean allowDestroy,
      Store.Lease lease) {
    lease.requireHolds(spec.name());
    return stages(set, spec, approval, allowDestroy, lease);
  }

  private EnvironmentAssertions stages(
      VarSet set,
      EnvironmentSpec spec,
      Approval approval,
      boolean allowDestroy,
      Store.Lease lease) {
    String env = spec.name();
    stage(env, "check");
    ParityReport parity = stack.checker(set).check(List.copyOf(set.environments().values()));
    List<Finding> errors =
        parity.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
    if (!errors.isEmpty()) {
      throw new StageFailure(
          env,
          "check",
          2,
          "the environments are not in parity:\n  "
              + errors.stream().map(Finding::message).collect(Collectors.joining("\n  ")));
    }

    stage(env, "plan");
    Infrastructure.PlanOutcome plan = stack.infrastructure().plan(spec, lease);
    // The gate sees the whole change set (plan, configuration, versions): a patch that never
    // reaches Terraform is a change too.
    stage(env, "gates");
    try {
      Gate.pass(
          "deploy --env " + env,
          spec.isProtected(),
          approval,
          () -> new ChangeSets(stack).deploy(spec, plan, lease));
    } catch (Gate.Refused e) {
      throw new StageFailure(env, "gates", 1, e.getMessage());
    }
    if (plan.hasChanges()) {
      stage(env, "apply");
      try {
        stack
            .infrastructure()
            .apply(
                spec, allowDestroy, lease, () -> Retire.leavingNodes(stack, spec, lease, console));
      } catch (ParityException e) {
        throw new StageFailure(env, "apply", 1, e.getMessage());
      }
    }

    stage(env, "configure");
    try {
      stack.configuration().configure(spec, false, null, lease);
    } catch (ParityException e) {
      throw new StageFailure(env, "configure", 1, e.getMessage());
    }

    stage(env, "assert");
    EnvironmentAssertions live =
        stack
            .assertLive(spec)
            .orElseThrow(() -> new StageFailure(env, "assert", 1, "no inventory after apply"));
    if (!live.passed()) {
      throw new StageFailure(
          env,
          "assert",
          2,
          live.results().stream()
              .filter(r -> !r.passed())
              .map(r -> r.message())
              .collect(Collectors.joining("; ")));
    }
    // The patch window's clock starts when a version first runs anywhere; a rollout records it
    // too, a plain deploy of a newer patch must as well.
    var history = stack.store().history();
    spec.services()
        .values()
        .forEach(
            svc -> {
              if (history.firstReached(svc.name(), svc.version()).isEmpty()) {
                history.record(svc.name(), svc.version(), env, stack.clock().instant());
              }
            });
    console.accept("== " + env + ": deployed, " + live.results().size() + " assertions passed");
    return live;
  }

  /** "== prod: apply [0:42]": where a long run is, and for how long it has been going. */
  private void stage(String env, String stage) {
    long s = java.time.Duration.between(started, java.time.Instant.now()).toSeconds();
    console.accept(
        "== " + env + ": " + stage + " [" + s / 60 + ":" + String.format("%02d", s % 60) + "]");
  }
}
