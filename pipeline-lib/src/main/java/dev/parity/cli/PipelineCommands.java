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
