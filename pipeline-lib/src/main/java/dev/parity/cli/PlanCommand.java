package dev.parity.cli;

import dev.parity.terraform.Infrastructure;
import dev.parity.terraform.PlanSummaryText;
import dev.parity.vars.EnvironmentSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description =
        "Renders the environment's variables, runs init and plan -out, and prints the plan summary "
            + "(also written to the work dir). Exit 0 no changes, 2 changes, 1 error.")
final class PlanCommand implements Callable<Integer> {
  private final Context context;

  @Mixin VarsOptions vars;

  @Mixin EnvironmentMixin environment;

  PlanCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    EnvironmentSpec env = environment.load(context, vars).spec();
    Infrastructure.PlanOutcome outcome = InfraCommands.infrastructure(context, vars).plan(env);
    context.out().print(PlanSummaryText.text("Plan for " + environment.name, outcome.summary()));
    context
        .out()
        .println(
            outcome.hasChanges()
                ? "Apply exactly this plan with: parity apply --env "
                    + environment.name
                    + "\nPlan summary sha256: "
                    + outcome.summarySha256()
                    + " (deploy --approved-plan takes it: the changes approved, no others)"
                : "No changes: " + environment.name + " matches its variable set.");
    context.recorder().planFingerprint(outcome.fingerprint().toString());
    context.out().flush();
    return outcome.hasChanges() ? ExitCode.DIFFERENCES : ExitCode.OK;
  }
}
