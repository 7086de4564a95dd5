package dev.parity.pipeline;

import dev.parity.assertion.EnvironmentAssertions;
import dev.parity.check.Finding;
import dev.parity.check.ParityReport;
import dev.parity.check.Severity;
import dev.parity.process.ParityException;
import dev.parity.terraform.Infrastructure;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.VarSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One environment, all the way: check (parity across every environment) → plan → gates → apply →
 * configure → assert. Stops at the first failing stage with that stage's exit code and says which
 * stage.
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
   * @param autoApprove apply changes to a protected environment without asking (non-interactive
   *     runs need it)
   * @param allowDestroy allow deletes and replaces in a protected environment
   */
  public EnvironmentAssertions deploy(
      VarSet set, EnvironmentSpec spec, boolean autoApprove, boolean allowDestroy) {
    return deploy(set, spec, autoApprove ? Approval.ANY : Approval.NONE, allowDestroy);
  }

  /**
   * What a person approved for a protected environment: nothing, any plan (--auto-approve), or the
   * plan whose summary has this SHA-256 (approved in Jenkins after seeing it).
   */
  public record Approval(boolean any, String summarySha256) {
    public static final Approval NONE = new Approval(false, null);
    public static final Approval ANY = new Approval(true, null);

    public static Approval of(String summarySha256) {
      return new Approval(false, summarySha256);
    }
  }

  public EnvironmentAssertions deploy(
      VarSet set, EnvironmentSpec spec, Approval approval, boolean allowDestroy) {
    // One deploy holds the environment from check to assert: no other agent's job changes it
    // between this plan and this apply.
    try (var lease = stack.store().lock(spec.name(), "deploy")) {
      return stages(set, spec, approval, allowDestroy);
    }
  }

  private EnvironmentAssertions stages(
      VarSet set, EnvironmentSpec spec, Approval approval, boolean allowDestroy) {
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
    Infrastructure.PlanOutcome plan = stack.infrastructure().plan(spec);
    if (plan.hasChanges()) {
      stage(env, "gates");
      if (spec.isProtected()
          && approval.summarySha256() != null
          && !approval.summarySha256().equals(plan.summarySha256())) {
        throw new StageFailure(
            env,
            "gates",
            1,
            "the plan of "
                + env
                + " is not the one approved (summary sha256 "
                + plan.summarySha256()
                + ", approved "
                + approval.summarySha256()
                + "): the state or the variable set changed since; plan and approve again");
      }
      if (spec.isProtected() && !approval.any() && approval.summarySha256() == null) {
        throw new StageFailure(
            env,
            "gates",
            1,
            env
                + " is protected and the plan has changes; review it (parity "
                + "plan --env "
                + env
                + ") and deploy with --auto-approve, or approve in Jenkins");
      }
      stage(env, "apply");
      try {
        stack.infrastructure().apply(spec, allowDestroy);
      } catch (ParityException e) {
        throw new StageFailure(env, "apply", 1, e.getMessage());
      }
    }

    stage(env, "configure");
    try {
      stack.configuration().configure(spec, false, null);
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
