package dev.parity.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The entry point. {@link #run} is what tests drive: in memory, no System.exit. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(out, err, System.getenv(), args));
  }

  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(out, err, System.getenv(), args);
  }

  /**
   * Runs one command line and returns its exit code: 0 done and in parity, 1 error, 2 differences
   * found.
   */
  public static int run(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
    // --quiet: everything a command prints to stdout is dropped; Cli prints the verdict alone.
    boolean quiet = java.util.Arrays.asList(args).contains("--quiet");
    PrintWriter shown = quiet ? new PrintWriter(java.io.Writer.nullWriter()) : out;
    Context context = new Context(shown, err, env);
    int exit = Cli.commandLine(context, args).execute(args);
    if (quiet) {
      out.println(Cli.verdict(args, exit));
      out.flush();
    }
    return exit;
  }
}
