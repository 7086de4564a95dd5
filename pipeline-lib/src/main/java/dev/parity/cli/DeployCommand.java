package dev.parity.cli;

import dev.parity.assertion.EnvironmentAssertions;
import dev.parity.pipeline.Deploy;
import dev.parity.report.Html;
import dev.parity.report.JUnitXml;
import dev.parity.report.RunReport;
import dev.parity.vars.VarSet;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description =
        "check -> plan -> gate -> apply -> configure -> assert -> report for one environment. A protected"
            + " environment changes only with --auto-approve or --approved SHA256 of the change set computed"
            + " now (plan, configuration, versions). Stops at the first failing stage with that stage's exit"
            + " code and names it.")
final class DeployCommand implements Callable<Integer> {
  private final Context context;

  @Mixin VarsOptions vars;

  @Mixin EnvironmentMixin environment;

  @Mixin ApprovalOptions approval;

  @Option(
      names = "--allow-destroy",
      description = "Allow deletes and replaces in a protected environment.")
  boolean allowDestroy;

  DeployCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    var selected = environment.load(context, vars);
    VarSet set = selected.set();
    var given = approval.approval(context);
    var stack = PipelineCommands.stack(context, vars);
    EnvironmentAssertions live;
    try (var lease = stack.store().lock(environment.name, "deploy")) {
      live =
          new Deploy(stack, context.console())
              .deploy(set, selected.spec(), given, allowDestroy, lease);
    }
    RunReport report = new RunReport("assert", Instant.now().toString(), List.of(live), null);
    context.recorder().results(Json.mapper().valueToTree(report));
    writeReports(
        vars.workDir(context).resolve("reports").resolve(environment.name),
        report,
        vars.store(context),
        dev.parity.report.ExpectedDrifts.of(List.of(selected.spec())));
    context
        .out()
        .println(
            "Deployed "
                + environment.name
                + "; reports in "
                + vars.workDir(context).resolve("reports").resolve(environment.name));
    context.out().flush();
    return ExitCode.OK;
  }

  /** The JUnit and HTML reports; the timeline from the store's runs (every agent's, if shared). */
  static void writeReports(
      Path dir,
      RunReport report,
      dev.parity.store.Store store,
      dev.parity.report.ExpectedDrifts expected) {
    AssertCommand.write(dir.resolve("junit.xml"), JUnitXml.render(report));
    dev.parity.report.Timeline timeline;
    try {
      timeline =
          dev.parity.report.Timeline.fromRecords(
              store.liveChecks(dev.parity.report.Timeline.windowStart()), expected);
    } catch (RuntimeException e) {
      timeline = dev.parity.report.Timeline.EMPTY; // the timeline is history, not the verdict
    }
    AssertCommand.write(dir.resolve("report.html"), Html.render(report, timeline, expected));
  }
}
