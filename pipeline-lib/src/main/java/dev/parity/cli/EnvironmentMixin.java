package dev.parity.cli;

import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.VarSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --env E} for the commands that act on one environment: checked, loaded, and named in the
 * run record.
 */
final class EnvironmentMixin {
  @Option(names = "--env", required = true, paramLabel = "ENV", description = "The environment.")
  String name;

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  /**
   * The variable set and this environment's spec; a bad name or an unknown environment is exit 1.
   */
  record Selected(VarSet set, EnvironmentSpec spec) {}

  Selected load(Context context, VarsOptions vars) {
    EnvironmentOption.checked(spec, name);
    VarSet set = vars.load(context);
    EnvironmentSpec env = set.environment(name);
    context.recorder().environment(name);
    return new Selected(set, env);
  }
}
