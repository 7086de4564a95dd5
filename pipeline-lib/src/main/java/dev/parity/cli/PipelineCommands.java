package dev.parity.cli;

import dev.parity.ansible.AnsibleTools;
import dev.parity.ansible.Configuration;
import dev.parity.pipeline.Stack;
import dev.parity.tools.ToolCache;
import dev.parity.tools.Toolchain;
import dev.parity.workdir.WorkDir;
import java.time.Clock;
import java.util.function.Consumer;

/** Builds the {@link Stack} the pipeline commands run on. */
final class PipelineCommands {
  private PipelineCommands() {
  }

  static Stack stack(Context context, VarsOptions vars) {
    return stack(context, vars, line -> {
      context.out().println(line);
      context.out().flush();
    });
  }

  static Stack stack(Context context, VarsOptions vars, Consumer<String> console) {
    WorkDir work = new WorkDir(vars.workDir(context));
    var infrastructure = InfraCommands.infrastructure(context, vars, console);
    var tools = AnsibleTools.resolve(Toolchain.pinned(), ToolCache.fromEnvironment(context.env()), context.env());
    var configuration = new Configuration(context.home(), work, context.runner(), tools, context.env(), console);
    return new Stack(infrastructure, configuration, work, context.runner(), context.env(), Clock.systemUTC());
  }
}
