package dev.parity.cli;

import dev.parity.vars.VarSet;
import dev.parity.vars.VarSetException;
import dev.parity.vars.VarSetLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every command that reads variable sets shares (a picocli mixin, not a base class).
 */
final class VarsOptions {
  @Option(
      names = "--vars",
      paramLabel = "DIR",
      description = "The vars directory (default: <parity home>/vars).")
  Path vars;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description =
          "The work directory for plans, state, logs and records (default: <parity home>/.parity).")
  Path workDir;

  Path varsDir(Context context) {
    return vars != null ? vars : context.home().resolve("vars");
  }

  /** The store of the loaded variable set (the work dir's when it configures none). */
  dev.parity.store.Store store(Context context) {
    return context.recorder().store(workDir(context));
  }

  Path workDir(Context context) {
    return workDir != null ? workDir.toAbsolutePath() : context.home().resolve(".parity");
  }

  /**
   * Loads and validates; a set with problems is a {@link VarSetException} listing them all (exit
   * 1).
   */
  VarSet load(Context context) {
    VarSet set = new VarSetLoader().load(varsDir(context));
    if (!set.isValid()) {
      throw new VarSetException(
          set.problems().size() + " problem(s) in " + varsDir(context) + ":", set.problems());
    }
    // Only a valid variable set leads to a run record: bad input changes nothing.
    context.recorder().workDir(workDir(context));
    context.recorder().storeOf(set, context.env());
    return set;
  }
}
