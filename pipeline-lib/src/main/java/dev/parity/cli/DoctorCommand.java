package dev.parity.cli;

import dev.parity.toolchain.Doctor;
import dev.parity.toolchain.ToolCache;
import dev.parity.toolchain.ToolCheck;
import dev.parity.toolchain.Toolchain;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description =
        "Checks every pinned tool: found version, path, pinned version, and the fix for anything missing.")
final class DoctorCommand implements Callable<Integer> {
  private final Context context;

  @picocli.CommandLine.Mixin VarsOptions vars;

  @picocli.CommandLine.Option(
      names = "--env",
      paramLabel = "ENV",
      description =
          "Also check the developer tools this environment's variable set declares, on this machine"
              + " (a developer's own: --env local), with the command that fixes each.")
  String environment;

  DoctorCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (environment != null) {
      var spec = vars.load(context).environment(environment);
      var statuses =
          new dev.parity.devtools.DeclaredTools(context.runner(), context.env())
              .check(spec.requiredTools());
      context.out().print(dev.parity.devtools.DeclaredTools.format(environment, statuses));
      context.out().flush();
      return statuses.stream().allMatch(dev.parity.devtools.DeclaredTools.Status::ok)
          ? ExitCode.OK
          : ExitCode.ERROR;
    }
    Doctor doctor = doctor(context);
    List<ToolCheck> checks = doctor.checkAll();
    context.out().print(Doctor.format(checks));
    long missing = checks.stream().filter(c -> !c.ok()).count();
    ToolCache cache = ToolCache.fromEnvironment(context.env());
    context
        .out()
        .println(
            missing == 0
                ? "all " + checks.size() + " tools in place (tool cache " + cache.root() + ")"
                : missing
                    + " of "
                    + checks.size()
                    + " tools missing or wrong (tool cache "
                    + cache.root()
                    + ")");
    context.out().flush();
    return missing == 0 ? ExitCode.OK : ExitCode.ERROR;
  }

  static Doctor doctor(Context context) {
    return new Doctor(
        Toolchain.pinned(),
        ToolCache.fromEnvironment(context.env()),
        context.runner(),
        context.env(),
        context.home().resolve("terraform"));
  }
}
