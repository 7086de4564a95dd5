package dev.parity.cli;

import dev.parity.vars.VarSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Loads, merges and validates every variable set; prints every problem as FILE:LINE:COL.")
final class ValidateCommand implements Callable<Integer> {
  private final Context context;

  @Mixin VarsOptions vars;

  @Option(
      names = "--env",
      paramLabel = "ENV",
      description = "Also require that this environment exists.")
  String environment;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  ValidateCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    EnvironmentOption.checked(spec, environment);
    VarSet set = vars.load(context);
    if (environment != null) {
      // Read by the Jenkins steps: applies in a protected environment ask for approval.
      context
          .out()
          .println(environment + ": protected: " + set.environment(environment).isProtected());
    }
    context
        .out()
        .println(
            vars.varsDir(context)
                + ": valid, "
                + set.environments().size()
                + " environment(s): "
                + String.join(", ", set.environments().keySet()));
    return ExitCode.OK;
  }
}
