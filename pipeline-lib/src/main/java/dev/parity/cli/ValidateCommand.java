package dev.parity.cli;

import dev.parity.vars.VarSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Loads, merges and validates every variable set; prints every problem as FILE:LINE:COL.")
final class ValidateCommand implements Callable<Integer> {
  private final Context context;

  @Mixin
  VarsOptions vars;

  ValidateCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    VarSet set = vars.load(context);
    context.out().println(vars.varsDir(context) + ": valid, " + set.environments().size() + " environment(s): "
        + String.join(", ", set.environments().keySet()));
    return ExitCode.OK;
  }
}
