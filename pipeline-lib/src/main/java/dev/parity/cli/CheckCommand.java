package dev.parity.cli;

import dev.parity.check.ParityChecker;
import dev.parity.check.ParityReport;
import dev.parity.check.VersionHistory;
import dev.parity.report.ParityReportJson;
import dev.parity.report.ParityReportText;
import dev.parity.vars.VarSet;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        "Checks parity across all environments as declared: the service x environment matrix, then every "
            + "finding. Exit 0 in parity (warnings allowed), 2 with any error, 1 on invalid input.")
final class CheckCommand implements Callable<Integer> {
  enum Format {
    text,
    json
  }

  private final Context context;

  @Mixin VarsOptions vars;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  CheckCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    VarSet set = vars.load(context);
    ValidateCommand.sources(context, set); // a declared version with no source is an error
    ParityChecker checker =
        new ParityChecker(
            set.policy(),
            VersionHistory.whenNeeded(() -> vars.store(context).history()),
            Clock.systemUTC());
    ParityReport report = checker.check(List.copyOf(set.environments().values()));
    context
        .out()
        .print(
            format == Format.json
                ? ParityReportJson.render(report)
                : ParityReportText.render(report));
    context.out().flush();
    return report.inParity() ? ExitCode.OK : ExitCode.DIFFERENCES;
  }
}
