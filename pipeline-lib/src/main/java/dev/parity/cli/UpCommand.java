package dev.parity.cli;

import dev.parity.check.ParityReport;
import dev.parity.pipeline.Deploy;
import dev.parity.pipeline.Stack;
import dev.parity.report.AssertionText;
import dev.parity.report.Html;
import dev.parity.report.ParityReportText;
import dev.parity.report.RunReport;
import dev.parity.toolchain.Doctor;
import dev.parity.toolchain.ToolCache;
import dev.parity.toolchain.ToolInstaller;
import dev.parity.toolchain.Toolchain;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.VarSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description =
        "The whole local flow on the bundled environments: install the tools if needed, validate, check, "
            + "deploy each environment, then print the live parity matrix and write the HTML report.")
final class UpCommand implements Callable<Integer> {
  private final Context context;

  @Mixin VarsOptions vars;

  @Option(
      names = "--envs",
      split = ",",
      paramLabel = "E1,E2",
      defaultValue = "local,dev,staging,prod",
      description = "The environments, in order (default: ${DEFAULT-VALUE}).")
  List<String> environments;

  @Option(
      names = "--auto-approve",
      description = "Deploy protected environments without review (local stacks).")
  boolean autoApprove;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  UpCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    environments.forEach(e -> EnvironmentOption.checked(spec, e));
    say("== tools");
    Doctor doctor = DoctorCommand.doctor(context);
    if (doctor.checkAll().stream().anyMatch(c -> !c.ok())) {
      boolean installed =
          new ToolInstaller(
                  Toolchain.pinned(),
                  ToolCache.fromEnvironment(context.env()),
                  context.runner(),
                  context.env(),
                  doctor,
                  line -> {})
              .installAll(context.out());
      if (!installed) {
        throw new dev.parity.error.ParityException("the tools could not be installed (see above)");
      }
    }
    say("== validate and check");
    VarSet set = vars.load(context);
    ParityReport declared =
        PipelineCommands.stack(context, vars)
            .checker(set)
            .check(List.copyOf(set.environments().values()));
    context.out().print(ParityReportText.render(declared));
    if (!declared.inParity()) {
      return ExitCode.DIFFERENCES;
    }
    Stack stack = PipelineCommands.stack(context, vars);
    for (String env : environments) {
      try (var lease = stack.store().lock(env, "up")) {
        new Deploy(stack, this::say)
            .deploy(
                set,
                set.environment(env),
                autoApprove ? dev.parity.change.Approval.ANY : dev.parity.change.Approval.NONE,
                false,
                lease);
      }
    }
    List<EnvironmentSpec> deployed = environments.stream().map(set::environment).toList();
    RunReport report = StatusCommand.observe(context, vars, set, deployed, new ArrayList<>());
    context.recorder().results(Json.mapper().valueToTree(report));
    say("== live parity matrix (observed)");
    context.out().print(ParityReportText.render(report.parity()));
    context.out().print(AssertionText.render(report, context.colour()));
    Path html = vars.workDir(context).resolve("reports").resolve("parity.html");
    var expected = dev.parity.report.ExpectedDrifts.of(deployed);
    AssertCommand.write(
        html, Html.render(report, timelineWith(report, vars.store(context), expected), expected));
    say("HTML report: " + html);
    return report.failures() == 0 ? ExitCode.OK : ExitCode.DIFFERENCES;
  }

  /**
   * The timeline of the store's recent live checks and this run's own, which is not recorded until
   * the command ends: the page the main job writes shows what it has just observed.
   */
  static dev.parity.report.Timeline timelineWith(
      RunReport report, dev.parity.store.Store store, dev.parity.report.ExpectedDrifts expected) {
    List<com.fasterxml.jackson.databind.JsonNode> records = new ArrayList<>();
    try {
      records.addAll(store.liveChecks(dev.parity.report.Timeline.windowStart()));
    } catch (RuntimeException e) {
      // the timeline is history, not the verdict: this run's own checks are still shown
    }
    var own = Json.mapper().createObjectNode();
    own.put("started", report.generated());
    own.set("results", Json.mapper().valueToTree(report));
    records.add(own);
    return dev.parity.report.Timeline.fromRecords(records, expected);
  }

  private void say(String line) {
    context.out().println(line);
    context.out().flush();
  }
}
