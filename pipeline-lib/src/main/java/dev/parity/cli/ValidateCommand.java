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

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "text (default) or json: {\"vars\", \"environments\": {NAME: {\"protected\": BOOL}}} (what"
              + " the Jenkins steps read).")
  String format = "text";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  ValidateCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    EnvironmentOption.checked(spec, environment);
    if (!format.equals("text") && !format.equals("json")) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--format must be text or json");
    }
    VarSet set = vars.load(context);
    if (environment != null) {
      set.environment(environment); // an unknown one is an error naming those that exist
    }
    if (format.equals("json")) {
      var answer = Json.mapper().createObjectNode();
      answer.put("vars", vars.varsDir(context).toString());
      var envs = answer.putObject("environments");
      set.environments()
          .forEach((name, spec) -> envs.putObject(name).put("protected", spec.isProtected()));
      context.out().println(answer);
      context.out().flush();
      return ExitCode.OK;
    }
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
