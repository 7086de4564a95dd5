package dev.parity.cli;

import dev.parity.ansible.Configuration;
import dev.parity.ansible.Inventory;
import dev.parity.terraform.Infrastructure;
import dev.parity.terraform.LabLeftovers;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.VarSet;
import dev.parity.vars.VarSetLoader;
import dev.parity.workdir.WorkDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Takes environments down from what was deployed (the recorded inventory), not from the variable
 * set: a set that no longer validates, or an environment whose file is gone, can still be stopped.
 */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description =
        "Stops the services of one environment (--env) or of every deployed one (--all) and removes their data;"
            + " works from the recorded inventory, so the variable set need not validate.")
final class DownCommand implements Callable<Integer> {
  private final Context context;

  @Mixin VarsOptions vars;

  @ArgGroup(exclusive = true, multiplicity = "1")
  EnvironmentScope scope;

  @Spec CommandSpec spec;

  DownCommand(Context context) {
    this.context = context;
  }

  /** How many nodes of the recorded inventory are lab hosts. */
  private static int labHosts(WorkDir workDir, String name) {
    Path inventory = workDir.environment(name).inventory();
    if (!Files.isRegularFile(inventory)) {
      return 0;
    }
    try {
      return (int)
          Inventory.nodes(Json.mapper().readTree(inventory.toFile())).stream()
              .filter(n -> n.has("lab"))
              .count();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + inventory, e);
    }
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
    Configuration configuration = PipelineCommands.configuration(context, vars);
    for (String name : environments) {
      Optional<EnvironmentSpec> spec =
          set.isValid() && set.environments().containsKey(name)
              ? Optional.of(set.environment(name))
              : Optional.empty();
      int labHosts = labHosts(workDir, name);
      if (labHosts > 0) {
        // Lab hosts go whole: destroying one kills everything it ran and removes its disk.
        InfraCommands.infrastructure(context, vars).destroy(name, spec);
        context
            .out()
            .println(
                "Destroyed the "
                    + labHosts
                    + " lab host(s) of "
                    + name
                    + " with everything they ran.");
        context.out().flush();
        continue;
      }
      boolean deployed = configuration.down(name, spec).isPresent();
      context
          .out()
          .println(
              deployed
                  ? "Stopped the services of " + name + " and removed their data."
                  : "Nothing of "
                      + name
                      + " is deployed (no recorded inventory): nothing to take down.");
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
    return ExitCode.OK;
  }
}
