package dev.parity.cli;

import dev.parity.toolchain.ToolCache;
import dev.parity.toolchain.ToolInstaller;
import dev.parity.toolchain.Toolchain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "tools",
    mixinStandardHelpOptions = true,
    description = "Manages the pinned toolchain.",
    subcommands = ToolsCommand.Install.class)
final class ToolsCommand {

  @Command(
      name = "install",
      mixinStandardHelpOptions = true,
      description =
          "Installs the pinned tools (toolchain.properties) into the tool cache ($PARITY_TOOLS_HOME, "
              + "default ~/.cache/parity); skips what is already in place.")
  static final class Install implements Callable<Integer> {
    private final Context context;

    @Option(
        names = "--verbose",
        description = "Show the output of go, pip, mvn and apt-get while they run.")
    boolean verbose;

    Install(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      ToolCache cache = ToolCache.fromEnvironment(context.env());
      context.out().println("installing the pinned toolchain into " + cache.root());
      context.out().flush();
      ToolInstaller installer =
          new ToolInstaller(
              Toolchain.pinned(),
              cache,
              context.runner(),
              context.env(),
              DoctorCommand.doctor(context),
              verbose
                  ? line -> {
                    context.out().println("    " + line);
                    context.out().flush();
                  }
                  : line -> {});
      boolean ok = installer.installAll(context.out());
      context.out().flush();
      return ok ? ExitCode.OK : ExitCode.ERROR;
    }
  }
}
