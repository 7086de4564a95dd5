package dev.parity.cli;

import dev.parity.workdir.EnvironmentName;
import picocli.CommandLine;

/**
 * Checks an {@code --env} value before anything uses it: it names directories, state and processes.
 */
final class EnvironmentOption {
  private EnvironmentOption() {}

  static String checked(CommandLine.Model.CommandSpec spec, String name) {
    if (name != null && !EnvironmentName.isValid(name)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--env: " + EnvironmentName.whyInvalid(name));
    }
    return name;
  }
}
