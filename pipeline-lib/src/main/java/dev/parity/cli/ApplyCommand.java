package dev.parity.cli;

import dev.parity.change.ChangeSet;
import dev.parity.change.Gate;
import dev.parity.error.ParityException;
import dev.parity.pipeline.ChangeSets;
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
            + "since the plan, when the plan is stale, when a protected environment would lose resources without "
            + "--allow-destroy, or when a protected environment's change set (as plan printed it) is not approved.")
final class ApplyCommand implements Callable<Integer> {
  private final Context context;

  @Mixin VarsOptions vars;

  @Mixin EnvironmentMixin environment;

  @Mixin ApprovalOptions approval;

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
    var given = approval.approval(context);
    var stack = PipelineCommands.stack(context, vars);
    Infrastructure.ApplyOutcome outcome;
    try (var lease = stack.store().lock(env.name(), "apply")) {
      // The change set is the one recorded with the saved plan (what plan printed and a person
      // approved); apply itself checks that the plan is still the one made from these inputs.
      Gate.pass("apply --env " + env.name(), env.isProtected(), given, () -> recorded(stack, env));
      outcome =
          stack
              .infrastructure()
              .apply(
                  env,
                  allowDestroy,
                  lease,
                  () ->
                      dev.parity.pipeline.Retire.leavingNodes(
                          stack, env, lease, context.console()));
    }
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

  /** The change set saved with the plan, refused when it is not the one of these inputs. */
  private static ChangeSet recorded(dev.parity.pipeline.Stack stack, EnvironmentSpec env) {
    ChangeSet saved =
        new ChangeSets(stack)
            .recorded(env.name())
            .map(ChangeSet::fromDocument)
            .orElseThrow(
                () ->
                    new ParityException(
                        "no change set saved with the plan of "
                            + env.name()
                            + ": run `parity plan --env "
                            + env.name()
                            + "` again, review it, then apply"));
    if (!saved.varsSha256().equals(ChangeSets.varsFingerprint(env))
        || !saved.moduleSha256().equals(stack.infrastructure().moduleFingerprint(env))) {
      throw new ParityException(
          "the variable set or the module of "
              + env.name()
              + " changed since the plan was made; refusing to apply. Run `parity plan --env "
              + env.name()
              + "` again and review it.");
    }
    return saved;
  }
}
