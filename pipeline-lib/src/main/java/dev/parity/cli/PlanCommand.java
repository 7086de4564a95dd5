package dev.parity.cli;

import dev.parity.terraform.Infrastructure;
import dev.parity.terraform.PlanSummaryText;
import dev.parity.vars.EnvironmentSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Renders the environment's variables, runs init and plan -out, and prints the plan summary "
        + "(also written to the work dir). Exit 0 no changes, 2 changes, 1 error.")
final class PlanCommand implements Callable<Integer> {
  private final Context context;

  @Mixin
  VarsOptions vars;

  @Option(names = "--env", required = true, paramLabel = "ENV", description = "The environment to plan.")
  String environment;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  PlanCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    EnvironmentOption.checked(spec, environment);
    EnvironmentSpec env = vars.load(context).environment(environment);
    context.recorder().environment(environment);
    Infrastructure.PlanOutcome outcome = InfraCommands.infrastructure(context, vars).plan(env);
    context.out().print(PlanSummaryText.text("Plan for " + environment, outcome.summary()));
    context.out().println(outcome.hasChanges()
        ? "Apply exactly this plan with: parity apply --env " + environment
        : "No changes: " + environment + " matches its variable set.");
    context.recorder().planFingerprint(outcome.fingerprint().toString());
    context.out().flush();
    return outcome.hasChanges() ? ExitCode.DIFFERENCES : ExitCode.OK;
  }
}
