package dev.parity.cli;

import dev.parity.ansible.AnsibleTools;
import dev.parity.ansible.Configuration;
import dev.parity.pipeline.Stack;
import dev.parity.toolchain.ToolCache;
import dev.parity.toolchain.Toolchain;
import dev.parity.workdir.WorkDir;
import java.time.Clock;

/** Builds the {@link Stack} the pipeline commands run on. */
final class PipelineCommands {
  private PipelineCommands() {}

  static Stack stack(Context context, VarsOptions vars) {
    return new Stack(
        InfraCommands.infrastructure(context, vars),
        configuration(context, vars),
        new WorkDir(vars.workDir(context)),
        vars.store(context),
        context.runner(),
        context.env(),
        Clock.systemUTC());
  }

  /**
   * What tells the variable set's webhooks about changes of verdict, or null when it names none.
   */
  static dev.parity.notify.Notifications notifications(
      Context context, dev.parity.vars.VarSet set, Stack stack) {
    if (set.notifyTargets().isEmpty()) {
      return null;
    }
    String project =
        set.environments().values().stream().findFirst().map(e -> e.project()).orElse("");
    return dev.parity.notify.Notifications.of(
        project, set.notifyTargets(), context.env(), stack.clock());
  }

  /** Who runs this command, for "resolved by" messages: the Jenkins build, else the user. */
  static String runBy(Context context) {
    return context.env().getOrDefault("BUILD_TAG", System.getProperty("user.name", "unknown"));
  }

  static Configuration configuration(Context context, VarsOptions vars) {
    var tools =
        AnsibleTools.resolve(
            Toolchain.pinned(), ToolCache.fromEnvironment(context.env()), context.env());
    return new Configuration(
        context.home(),
        new WorkDir(vars.workDir(context)),
        vars.store(context),
        context.runner(),
        tools,
        context.env(),
        context.console());
  }
}
