package dev.parity.cli;

import dev.parity.change.ChangeSet;
import dev.parity.pipeline.ChangeSets;
import dev.parity.pipeline.Down;
import dev.parity.terraform.Infrastructure;
import dev.parity.terraform.PlanSummaryText;
import dev.parity.vars.EnvironmentSpec;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description =
        "Computes the environment's change set: init and plan -out (every address and action), a check-mode "
            + "run of the playbooks, the version change of each node, the variable set's and module's "
            + "fingerprints and commit; prints it with its sha256 (what --approved takes) and records it in the "
            + "work dir and the store. --destroy: the change set of down (plan -destroy, the data deleted). "
            + "Exit 0 nothing would change, 2 changes, 1 error.")
final class PlanCommand implements Callable<Integer> {
  private final Context context;

  @Mixin VarsOptions vars;

  @Mixin EnvironmentMixin environment;

  @Option(names = "--destroy", description = "The change set of `parity down` instead.")
  boolean destroy;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text (default) or json: the change set document with its sha256.")
  String format = "text";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  PlanCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (!format.equals("text") && !format.equals("json")) {
      throw new ParameterException(spec.commandLine(), "--format must be text or json");
    }
    EnvironmentSpec env = environment.load(context, vars).spec();
    var stack = PipelineCommands.stack(context, vars);
    ChangeSet set;
    if (destroy) {
      set = new Down(stack).plan(env.name(), Optional.of(env));
    } else {
      try (var lease = stack.store().lock(env.name(), "plan")) {
        Infrastructure.PlanOutcome outcome = stack.infrastructure().plan(env, lease);
        context.recorder().planFingerprint(outcome.fingerprint().toString());
        if (format.equals("text")) {
          context
              .out()
              .print(PlanSummaryText.text("Plan for " + environment.name, outcome.summary()));
        }
        set = new ChangeSets(stack).deploy(env, outcome, lease);
      }
    }
    context.recorder().results(set.document());
    if (format.equals("json")) {
      context
          .out()
          .println(
              Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(set.document()));
    } else {
      context.out().print(set.text());
      context
          .out()
          .println(
              set.isEmpty()
                  ? "Nothing would change: " + environment.name + " matches its variable set."
                  : (env.isProtected()
                          ? environment.name
                              + " is protected: approve exactly this change set with --approved "
                              + set.sha256()
                          : "Apply it with: parity "
                              + (destroy ? "down" : "deploy")
                              + " --env "
                              + environment.name)
                      + (destroy
                          ? ""
                          : " (or apply the saved plan alone: parity apply --env "
                              + environment.name
                              + ")"));
    }
    context.out().flush();
    return set.isEmpty() ? ExitCode.OK : ExitCode.DIFFERENCES;
  }
}
