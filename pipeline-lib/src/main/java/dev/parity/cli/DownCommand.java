package dev.parity.cli;

import dev.parity.change.Gate;
import dev.parity.error.ParityException;
import dev.parity.pipeline.Down;
import dev.parity.terraform.Infrastructure;
import dev.parity.terraform.LabLeftovers;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.VarSet;
import dev.parity.vars.VarSetLoader;
import dev.parity.workdir.WorkDir;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Takes environments down from what was deployed (the recorded inventory), not from the variable
 * set: a set that no longer validates, or an environment whose file is gone, can still be stopped.
 */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description =
        "Takes one environment (--env) or every deployed one (--all) down: stops its services, removes their"
            + " data and applies a destroy plan (plan -destroy -out) of its Terraform state; works from what was"
            + " deployed, so the variable set need not validate. A protected environment (as declared or as"
            + " recorded when deployed) needs its change set approved (plan --destroy) and --allow-destroy.")
final class DownCommand implements Callable<Integer> {
  private final Context context;

  @Mixin VarsOptions vars;

  @ArgGroup(exclusive = true, multiplicity = "1")
  EnvironmentScope scope;

  @Mixin ApprovalOptions approval;

  @Option(
      names = "--allow-destroy",
      description =
          "Allow a protected environment's hosts and data to be deleted (with its approval).")
  boolean allowDestroy;

  @Spec CommandSpec spec;

  DownCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    WorkDir workDir = new WorkDir(vars.workDir(context));
    List<String> environments;
    if (scope.all) {
      environments = workDir.deployedEnvironments();
    } else {
      EnvironmentOption.checked(spec, scope.environment);
      environments = List.of(scope.environment);
    }
    if (environments.isEmpty()) {
      context.out().println("Nothing is deployed in " + workDir.root() + ": nothing to take down.");
    }
    // Used where it still validates: SSH nodes need its ssh settings and key, local nodes nothing,
    // and its store holds the state and generated secrets of environments kept there.
    VarSet set = new VarSetLoader().load(vars.varsDir(context));
    if (set.isValid() || set.sharedStore().isPresent()) {
      // A broken environment file must not strand what runs: common.yml's store still holds the
      // state of what was deployed.
      context.recorder().storeOf(set, context.env());
    }
    var given = approval.approval(context);
    if (given.sha256() != null && scope.all) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--approved names one environment's change set: give it with --env E");
    }
    Down down = new Down(PipelineCommands.stack(context, vars));
    List<String> refused = new java.util.ArrayList<>();
    for (String name : environments) {
      Optional<EnvironmentSpec> spec =
          set.isValid() && set.environments().containsKey(name)
              ? Optional.of(set.environment(name))
              : Optional.empty();
      Down.Result outcome;
      try {
        outcome = down.down(name, spec, given, allowDestroy);
      } catch (Gate.Refused e) {
        if (!scope.all) {
          throw e;
        }
        // One protected environment refused does not keep the others up.
        context.err().println("parity: " + e.getMessage());
        refused.add(name);
        continue;
      }
      context
          .out()
          .println(
              switch (outcome.outcome()) {
                case LAB_DESTROYED ->
                    "Destroyed the "
                        + outcome.nodes()
                        + " lab host(s) of "
                        + name
                        + " with everything they ran.";
                case STOPPED -> "Stopped the services of " + name + " and removed their data.";
                case NOTHING_DEPLOYED ->
                    "Nothing of "
                        + name
                        + " is deployed (no recorded inventory): nothing to take down.";
              });
      context.out().flush();
    }
    if (scope.all) {
      // What a crashed run left on the lab: hosts no inventory knows. A shared store's lab is
      // every agent's: there only the environments taken down here are swept.
      dev.parity.store.Store store = vars.store(context);
      String prefix = Infrastructure.labPrefix(store.identity());
      List<String> leftovers =
          LabLeftovers.find(
              prefix,
              workDir,
              store.shared() ? Optional.of(Set.copyOf(environments)) : Optional.empty(),
              context.runner());
      if (!leftovers.isEmpty()) {
        LabLeftovers.remove(
            leftovers,
            context.home().resolve("terraform/lab/lab-host.sh"),
            prefix,
            workDir,
            context.runner());
        context
            .out()
            .println(
                "Removed "
                    + leftovers.size()
                    + " leftover lab host(s) that no inventory knows: "
                    + String.join(", ", leftovers));
      }
    }
    if (!refused.isEmpty()) {
      throw new ParityException(
          "not taken down (protected, not approved): "
              + String.join(", ", refused)
              + "; the others are down. Take them down one by one with their change set approved"
              + " (parity plan --env E --destroy), or with --auto-approve --allow-destroy");
    }
    return ExitCode.OK;
  }
}
