package dev.parity.cli;

import dev.parity.vars.EnvironmentSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "down", mixinStandardHelpOptions = true,
    description = "Stops the environment's local services and removes their data; no other environment is touched.")
final class DownCommand implements Callable<Integer> {
  private final Context context;

  @Mixin
  VarsOptions vars;

  @Option(names = "--env", required = true, paramLabel = "ENV", description = "The environment to take down.")
  String environment;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  DownCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    EnvironmentOption.checked(spec, environment);
    EnvironmentSpec env = vars.load(context).environment(environment);
    context.recorder().environment(environment);
    ConfigureCommand.configuration(context, vars).down(env);
    context.out().println("Stopped the services of " + environment + " and removed their data.");
    context.out().flush();
    return ExitCode.OK;
  }
}
