package dev.parity.cli;

import picocli.CommandLine.Option;

/**
 * {@code --env E} or {@code --all}: the argument group of the commands that act on one or every
 * environment.
 */
final class EnvironmentScope {
  @Option(names = "--env", paramLabel = "ENV", description = "One environment.")
  String environment;

  @Option(names = "--all", description = "Every environment.")
  boolean all;
}
