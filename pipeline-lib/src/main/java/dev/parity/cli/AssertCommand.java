package dev.parity.cli;

import dev.parity.assertion.EnvironmentAssertions;
import dev.parity.error.ParityException;
import dev.parity.report.AssertionText;
import dev.parity.report.JUnitXml;
import dev.parity.report.RunReport;
import dev.parity.vars.EnvironmentSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "assert",
    mixinStandardHelpOptions = true,
    description =
        "Asks every node's services which version they run and compares with the variable set: reachable, "
            + "exactly the declared version, the declared node count per role. Exit 0 all pass, 2 any failure, 1 error.")
final class AssertCommand implements Callable<Integer> {
  enum Format {
    text,
    json
  }

  private final Context context;

  @Mixin VarsOptions vars;

  @Mixin EnvironmentMixin environment;

  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description = "Also write JUnit XML (for Jenkins' junit step).")
  Path junit;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  AssertCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    if (junit != null) {
      requireRegularTarget(junit);
    }
    EnvironmentSpec env = environment.load(context, vars).spec();
    EnvironmentAssertions result =
        live(context, vars, env)
            .orElseThrow(
                () ->
                    new ParityException(
                        "no inventory for "
                            + environment.name
                            + ": deploy it first (parity plan, apply, "
                            + "configure)"));
    RunReport report = new RunReport("assert", Instant.now().toString(), List.of(result), null);
    context.recorder().results(Json.mapper().valueToTree(report));
    if (junit != null) {
      write(junit, JUnitXml.render(report));
    }
    context
        .out()
        .print(
            format == Format.json
                ? Json.mapper().writeValueAsString(report) + "\n"
                : AssertionText.render(report, context.colour()));
    context.out().flush();
    return result.passed() ? ExitCode.OK : ExitCode.DIFFERENCES;
  }

  /** The live assertions of a deployed environment; empty when it has no inventory. */
  static java.util.Optional<EnvironmentAssertions> live(
      Context context, VarsOptions vars, EnvironmentSpec env) {
    return dev.parity.assertion.LiveAssertions.ofDeployed(
        new dev.parity.workdir.WorkDir(vars.workDir(context)),
        vars.store(context),
        env,
        context.env(),
        context.runner(),
        Clock.systemUTC());
  }

  static void write(Path file, String content) {
    requireRegularTarget(file);
    Path parent = file.toAbsolutePath().getParent();
    Path aside = parent.resolve("." + file.getFileName() + ".parity-tmp");
    try {
      Files.createDirectories(parent);
      Files.writeString(aside, content);
      // whole or not at all, and never through whatever stands at the name
      Files.move(
          aside,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(aside);
      } catch (IOException ignored) {
        // the write failed already; that is the error to report
      }
      throw new ParityException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A report goes only to a regular file (new or replaced): a FIFO would block the command until
   * someone reads it, a device or a directory is no report. Checked before the command does its
   * work, and again when it writes.
   */
  static void requireRegularTarget(Path file) {
    if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new ParityException(
          file
              + ": not a regular file ("
              + (Files.isDirectory(file)
                  ? "a directory"
                  : Files.isSymbolicLink(file) ? "a symbolic link" : "a FIFO, socket or device")
              + "); parity writes reports only to regular files");
    }
  }
}
