package dev.parity.cli;

import dev.parity.assertion.EnvironmentAssertions;
import dev.parity.assertion.Observed;
import dev.parity.check.ParityChecker;
import dev.parity.check.ParityReport;
import dev.parity.check.VersionHistory;
import dev.parity.report.AssertionText;
import dev.parity.report.ParityReportText;
import dev.parity.report.RunReport;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.VarSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "The live parity matrix: the versions each environment's services really run and the node counts, "
            + "judged with the rules of `parity check`. Exit 0 in parity, 2 not, 1 error.")
final class StatusCommand implements Callable<Integer> {
  private final Context context;

  @Mixin VarsOptions vars;

  @ArgGroup(exclusive = true)
  EnvironmentScope scope;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  CheckCommand.Format format;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  StatusCommand(Context context) {
    this.context = context;
  }

  /**
   * Probes every deployed environment of the list and judges the observed versions with check's
   * rules.
   */
  static RunReport observe(
      Context context,
      VarsOptions vars,
      VarSet set,
      List<EnvironmentSpec> envs,
      List<String> notDeployed) {
    List<EnvironmentAssertions> live = new ArrayList<>();
    List<EnvironmentSpec> observed = new ArrayList<>();
    for (EnvironmentSpec env : envs) {
      Optional<EnvironmentAssertions> a = AssertCommand.live(context, vars, env);
      if (a.isEmpty()) {
        notDeployed.add(env.name());
        continue;
      }
      live.add(a.get());
      observed.add(Observed.spec(env, a.get()));
    }
    // One verdict from all it found: the observed versions' parity and every live assertion.
    ParityReport parity =
        dev.parity.assertion.LiveVerdict.of(
            new ParityChecker(
                    set.policy(),
                    VersionHistory.whenNeeded(() -> vars.store(context).history()),
                    Clock.systemUTC())
                .check(observed),
            live);
    return new RunReport("status", Instant.now().toString(), live, parity);
  }

  @Override
  public Integer call() throws Exception {
    String only = scope == null ? null : EnvironmentOption.checked(spec, scope.environment);
    VarSet set = vars.load(context);
    List<EnvironmentSpec> envs =
        only == null ? set.inPromotionOrder() : List.of(set.environment(only));
    context.recorder().environment(only);
    List<String> notDeployed = new ArrayList<>();
    RunReport report = observe(context, vars, set, envs, notDeployed);
    ParityReport parity = report.parity();
    List<EnvironmentAssertions> live = report.environments();
    context.recorder().results(Json.mapper().valueToTree(report));
    if (format == CheckCommand.Format.json) {
      context.out().println(Json.mapper().writeValueAsString(report));
    } else {
      context.out().println("Live versions (observed):");
      context.out().print(ParityReportText.render(parity));
      context.out().print(AssertionText.render(report, context.colour()));
      if (!notDeployed.isEmpty()) {
        context.out().println("not deployed (no inventory): " + String.join(", ", notDeployed));
      }
    }
    context.out().flush();
    if (live.isEmpty()) {
      throw new dev.parity.error.ParityException("no environment is deployed: nothing to observe");
    }
    return report.failures() == 0 ? ExitCode.OK : ExitCode.DIFFERENCES;
  }
}
