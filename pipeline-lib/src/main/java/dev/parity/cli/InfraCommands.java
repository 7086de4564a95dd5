package dev.parity.cli;

import dev.parity.terraform.Engine;
import dev.parity.terraform.Infrastructure;
import dev.parity.toolchain.ToolCache;
import dev.parity.toolchain.Toolchain;
import dev.parity.workdir.WorkDir;
import java.time.Clock;

/** Builds the infrastructure side for a command from the shared context and options. */
final class InfraCommands {
  private InfraCommands() {}

  static Infrastructure infrastructure(Context context, VarsOptions vars) {
    Engine engine =
        Engine.resolve(Toolchain.pinned(), ToolCache.fromEnvironment(context.env()), context.env());
    return new Infrastructure(
        context.home(),
        new WorkDir(vars.workDir(context)),
        vars.store(context),
        context.runner(),
        engine,
        context.env(),
        context.console(),
        Clock.systemUTC());
  }
}
