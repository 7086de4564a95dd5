package dev.parity.cli;

import dev.parity.vars.VarSet;
import java.util.List;
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
    List<dev.parity.ansible.InstallSources.Source> sources = sources(context, set);
    context
        .out()
        .println(
            vars.varsDir(context)
                + ": valid, "
                + set.environments().size()
                + " environment(s): "
                + String.join(", ", set.environments().keySet()));
    sources.forEach(
        s ->
            context
                .out()
                .println(
                    "  "
                        + s.environment()
                        + ": "
                        + s.service().name()
                        + " "
                        + s.service().version()
                        + " from "
                        + s.text()));
    return ExitCode.OK;
  }

  /**
   * Where each declared version comes from; a version with no source is an error (validate's and
   * check's), here and not in the middle of a deploy.
   */
  static List<dev.parity.ansible.InstallSources.Source> sources(Context context, VarSet set) {
    dev.parity.toolchain.ToolCache cache =
        dev.parity.toolchain.ToolCache.fromEnvironment(context.env());
    String localMemcached = localMemcached(context);
    List<dev.parity.ansible.InstallSources.Source> sources = new java.util.ArrayList<>();
    set.environments()
        .values()
        .forEach(
            e -> sources.addAll(dev.parity.ansible.InstallSources.of(e, cache, localMemcached)));
    List<dev.parity.ansible.InstallSources.Source> problems =
        sources.stream().filter(dev.parity.ansible.InstallSources.Source::problem).toList();
    if (!problems.isEmpty()) {
      throw new UserException(
          problems.stream()
              .map(Object::toString)
              .collect(java.util.stream.Collectors.joining("\n")));
    }
    return sources;
  }

  /** The version of the memcached on PATH (what local nodes run), or null without one. */
  private static String localMemcached(Context context) {
    var check =
        DoctorCommand.doctor(context)
            .check(
                dev.parity.toolchain.ToolDescriptor.all(
                        dev.parity.toolchain.Toolchain.pinned(),
                        dev.parity.toolchain.ToolCache.fromEnvironment(context.env()))
                    .stream()
                    .filter(d -> d.name().equals("memcached"))
                    .findFirst()
                    .orElseThrow());
    return check.found() == null || check.found().isBlank() ? null : check.found();
  }
}
