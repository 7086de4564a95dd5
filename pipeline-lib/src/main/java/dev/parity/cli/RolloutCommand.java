package dev.parity.cli;

import dev.parity.pipeline.Rollout;
import dev.parity.text.Names;
import dev.parity.vars.VarSet;
import dev.parity.workdir.EnvironmentName;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "rollout",
    mixinStandardHelpOptions = true,
    description =
        "The patch rollout: for each environment in order, set the declared version in its file (comments "
            + "and layout kept), deploy, assert. Halts at the first failure; --resume continues there. With"
            + " protected environments among them, only with --approved SHA256 of the rollout's change set"
            + " (--plan prints it) or --auto-approve.")
final class RolloutCommand implements Callable<Integer> {
  private final Context context;

  @Mixin VarsOptions vars;

  @Option(
      names = "--service",
      required = true,
      paramLabel = "S",
      description = "The service, e.g. postgresql.")
  String service;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "VERSION",
      description = "The patch version, e.g. 16.4.")
  String version;

  @Option(
      names = "--envs",
      paramLabel = "E1,E2",
      split = ",",
      description = "The environments, in order (default: all, in promotion order).")
  List<String> environments;

  @Option(
      names = "--resume",
      description = "Continue a rollout that stopped, from where it stopped.")
  boolean resume;

  @Mixin ApprovalOptions approval;

  @Option(
      names = "--plan",
      description =
          "Change nothing: print the rollout's change set (each protected environment's change set with"
              + " the version set) and its sha256, what --approved takes. Exit 2 when it would change"
              + " anything.")
  boolean plan;

  @Option(
      names = "--allow-downgrade",
      description = "Accept a version lower than an environment's (refused otherwise).")
  boolean allowDowngrade;

  @Option(
      names = "--push",
      paramLabel = "BRANCH",
      description =
          "Start from BRANCH's remote head and push each environment's commit there before deploying it"
              + " (a rejected push is rebased and tried again). Credentials: GIT_USERNAME and"
              + " GIT_PASSWORD from the environment, when set.")
  String pushBranch;

  @Option(
      names = "--remote",
      defaultValue = "origin",
      paramLabel = "NAME",
      description = "The git remote --push goes to (default: ${DEFAULT-VALUE}).")
  String remote;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  RolloutCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws java.io.IOException {
    if (!Names.VERSION.matcher(version).matches()) {
      throw new ParameterException(spec.commandLine(), "--to: not a version: " + version);
    }
    if (!EnvironmentName.isValid(service)) {
      throw new ParameterException(spec.commandLine(), "--service: not a service name: " + service);
    }
    java.util.Optional<dev.parity.pipeline.VarsRepository.Upstream> upstream =
        java.util.Optional.empty();
    if (pushBranch != null && !plan) {
      // before the variable set is read: the rollout edits the branch's newest files
      var up = dev.parity.pipeline.VarsRepository.Upstream.of(remote, pushBranch, context.env());
      dev.parity.pipeline.VarsRepository.of(vars.varsDir(context), context.runner())
          .orElseThrow(
              () ->
                  new dev.parity.error.ParityException(
                      "--push: " + vars.varsDir(context) + " is in no git checkout"))
          .checkOutUpstream(up);
      upstream = java.util.Optional.of(up);
    }
    VarSet set = vars.load(context);
    List<String> envs =
        environments == null
            ? dev.parity.check.ParityChecker.promotionOrder(
                set.environments().keySet(), set.policy())
            : environments;
    envs.forEach(e -> EnvironmentOption.checked(spec, e));
    envs.forEach(set::environment);
    var given = approval.approval(context);
    var stack = PipelineCommands.stack(context, vars);
    Rollout rollout =
        new Rollout(stack, () -> vars.load(context), vars.varsDir(context), context.console());
    if (plan) {
      var changes = rollout.plan(service, version, envs, allowDowngrade);
      context.recorder().results(changes.document());
      // Where parityPlan(service:, to:, envs:) reads it.
      java.nio.file.Path dir = vars.workDir(context).resolve("rollouts").resolve(service);
      java.nio.file.Files.createDirectories(dir);
      dev.parity.process.PrivateFiles.write(
          dir.resolve("change-set.json"),
          Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(changes.document())
              + "\n");
      dev.parity.process.PrivateFiles.write(dir.resolve("change-set.txt"), changes.text());
      context.out().print(changes.text());
      context.out().flush();
      return changes.isEmpty() ? ExitCode.OK : ExitCode.DIFFERENCES;
    }
    upstream.ifPresent(rollout::pushingTo);
    rollout.telling(
        PipelineCommands.notifications(context, set, stack), PipelineCommands.runBy(context));
    rollout.run(service, version, envs, resume, given, allowDowngrade);
    return ExitCode.OK;
  }
}
