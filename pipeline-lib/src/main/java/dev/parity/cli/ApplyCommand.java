package dev.parity.cli;

import dev.parity.terraform.Infrastructure;
import dev.parity.vars.EnvironmentSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description =
        "Applies exactly the environment's saved plan. Refuses when the variable set or the module changed "
            + "since the plan, when the plan is stale, or when a protected environment would lose resources without "
            + "--allow-destroy.")
final class ApplyCommand implements Callable<Integer> {
  private final Context context;

  @Mixin VarsOptions vars;

  @Mixin EnvironmentMixin environment;

  @Option(
      names = "--allow-destroy",
      description =
          "Allow deletes and replaces in a protected environment (after reviewing the plan).")
  boolean allowDestroy;

  ApplyCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    EnvironmentSpec env = environment.load(context, vars).spec();
    Infrastructure.ApplyOutcome outcome =
        InfraCommands.infrastructure(context, vars).apply(env, allowDestroy);
    context
        .out()
        .println(
            "Applied the plan of "
                + environment.name
                + "; "
                + outcome.inventory().path("nodes").size()
                + " node(s) in the inventory.");
    context.recorder().planFingerprint(outcome.fingerprint().toString());
    context.out().flush();
    return ExitCode.OK;
  }
}
