package dev.parity.cli;

import dev.parity.pipeline.Reconcile;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.VarSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description =
        "Finds drift in three layers (infrastructure, configuration, versions) and, with --restore, repairs "
            + "it (a protected environment only with its change set approved, or --auto-approve). Exit 0 no"
            + " drift (or all repaired), 2 drift left, 1 error or a repair refused.")
final class ReconcileCommand implements Callable<Integer> {
  private final Context context;

  @Mixin VarsOptions vars;

  @ArgGroup(exclusive = true, multiplicity = "1")
  EnvironmentScope scope;

  @Option(
      names = "--restore",
      description = "Repair the drift found: apply, configure, assert again.")
  boolean restore;

  @Mixin ApprovalOptions approval;

  @Option(
      names = "--parallel",
      defaultValue = "2",
      paramLabel = "N",
      description = "Environments reconciled at once with --all (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  ReconcileCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String only = EnvironmentOption.checked(spec, scope.environment);
    if (parallel < 1 || parallel > 64) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--parallel: between 1 and 64");
    }
    var given = approval.approval(context);
    if (given.sha256() != null && (only == null || !restore)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--approved names one environment's change set: give it with --env E --restore");
    }
    VarSet set = vars.load(context);
    List<EnvironmentSpec> envs =
        only != null
            ? List.of(set.environment(only))
            : dev.parity.check.ParityChecker.promotionOrder(
                    set.environments().keySet(), set.policy())
                .stream()
                .map(set::environment)
                .toList();
    context.recorder().environment(only);
    var stack = PipelineCommands.stack(context, vars);
    List<Reconcile.Result> results =
        new Reconcile(
                stack,
                PipelineCommands.notifications(context, set, stack),
                PipelineCommands.runBy(context))
            .run(envs, restore, parallel, given);
    context.recorder().results(Json.mapper().valueToTree(results));
    context.out().println();
    for (Reconcile.Result r : results) {
      context.out().print(describe(r));
    }
    context.out().flush();
    if (results.stream().anyMatch(r -> r.error() != null)) {
      return ExitCode.ERROR;
    }
    return results.stream().anyMatch(Reconcile.Result::driftLeft)
        ? ExitCode.DIFFERENCES
        : ExitCode.OK;
  }

  private static String describe(Reconcile.Result r) {
    StringBuilder sb = new StringBuilder(r.environment()).append(": ");
    if (r.before() == null) {
      sb.append("ERROR ").append(r.error()).append('\n');
      r.notices().forEach(n -> sb.append("  ").append(n).append('\n'));
      return sb.toString();
    }
    sb.append(r.before().any() ? "drift found" : "no drift").append('\n');
    layer(
        sb,
        "infrastructure",
        r.before().infrastructure(),
        r.after() == null ? null : r.after().infrastructure());
    layer(
        sb,
        "configuration",
        r.before().configuration(),
        r.after() == null ? null : r.after().configuration());
    layer(sb, "versions", r.before().versions(), r.after() == null ? null : r.after().versions());
    List<String> expected = r.before().expected();
    if (!expected.isEmpty()) {
      // listed beside the findings, never counted and never repaired
      sb.append(String.format("  %-15s %s%n", "expected", expected.size() + " (not counted)"));
      expected.forEach(d -> sb.append("      ").append(d).append('\n'));
    }
    if (r.error() != null) {
      sb.append("  ERROR ").append(r.error()).append('\n');
    }
    r.notices().forEach(n -> sb.append("  ").append(n).append('\n'));
    return sb.toString();
  }

  private static void layer(
      StringBuilder sb, String name, List<String> before, List<String> after) {
    sb.append(
        String.format("  %-15s %s", name, before.isEmpty() ? "in sync" : before.size() + " drift"));
    if (after != null) {
      sb.append(
          after.isEmpty()
              ? (before.isEmpty() ? "" : " -> repaired")
              : " -> " + after.size() + " left");
    }
    sb.append('\n');
    before.forEach(d -> sb.append("      ").append(d).append('\n'));
  }
}
