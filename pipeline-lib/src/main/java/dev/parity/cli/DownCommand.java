package dev.parity.cli;

import dev.parity.vars.EnvironmentSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "down", mixinStandardHelpOptions = true,
    description = "Stops the environment's local services and removes their data; no other environment is touched.")
final class DownCommand implements Callable<Integer> {
  private final Context context;

  @Mixin
  VarsOptions vars;

  @Mixin
  EnvironmentMixin environment;


  DownCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    EnvironmentSpec env = environment.load(context, vars).spec();
    PipelineCommands.configuration(context, vars).down(env);
    context.out().println("Stopped the services of " + environment.name + " and removed their data.");
    context.out().flush();
    return ExitCode.OK;
  }
}
