package dev.parity.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

/** The command tree and the one place where exceptions become messages and exit codes. */
@Command(
    name = "parity",
    mixinStandardHelpOptions = true,
    versionProvider = Cli.Version.class,
    description =
        "Keeps a team's environments at parity: one variable set per environment drives "
            + "Terraform/OpenTofu and Ansible; live assertions prove every environment runs the same services.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done, everything in parity",
      "1:error (bad input, a tool failed)",
      "2:differences found (violations, pending changes, drift, failed assertions)"
    })
public final class Cli implements Runnable {
  /** The subcommands, in the order of {@code parity --help}. */
  private static final List<Class<?>> COMMANDS =
      List.of(
          ValidateCommand.class,
          CheckCommand.class,
          PlanCommand.class,
          ApplyCommand.class,
          ConfigureCommand.class,
          AssertCommand.class,
          StatusCommand.class,
          ReportCommand.class,
          DeployCommand.class,
          ReconcileCommand.class,
          RolloutCommand.class,
          UpCommand.class,
          DownCommand.class,
          SummarizePlanCommand.class,
          SchemaCommand.class,
          DoctorCommand.class,
          ToolsCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--debug",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors (never secret values).")
  boolean debug;

  @Option(
      names = "--quiet",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print only the verdict (errors still go to stderr).")
  boolean quiet;

  /** The one line --quiet prints: the command and what its exit code means. */
  static String verdict(String[] args, int exit) {
    String command =
        Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("parity");
    return "parity "
        + command
        + ": "
        + switch (exit) {
          case 0 -> "done, in parity";
          case 2 -> "differences found";
          default -> "error";
        }
        + " (exit "
        + exit
        + ")";
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing command; see `parity --help`.");
  }

  /**
   * The command tree for these arguments. When they name a subcommand, only that one is built:
   * picocli reads every command's annotations as it builds it, and building all of them was most of
   * a short command's start (BENCHMARKS.md, CLI start). Otherwise (help, a typo) all are built, so
   * usage and suggestions are complete.
   */
  static CommandLine commandLine(Context context, String... args) {
    ContextFactory factory = new ContextFactory(context);
    CommandLine cl = new CommandLine(new Cli(), factory);
    String word = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
    List<Class<?>> named = COMMANDS.stream().filter(c -> name(c).equals(word)).toList();
    for (Class<?> command : named.isEmpty() ? COMMANDS : named) {
      cl.addSubcommand(name(command), new CommandLine(command, factory));
    }
    cl.setOut(context.out());
    cl.setErr(context.err());
    cl.setExecutionExceptionHandler(
        (ex, line, parseResult) -> {
          boolean debug =
              parseResult.hasMatchedOption("--debug")
                  || parseResult.subcommands().stream()
                      .anyMatch(p -> p.hasMatchedOption("--debug"));
          line.getErr().println("parity: " + message(ex));
          if (debug) {
            ex.printStackTrace(line.getErr());
          } else if (!(ex instanceof dev.parity.error.ParityException
              || ex instanceof UncheckedIOException)) {
            line.getErr().println("(run again with --debug for the stack trace)");
          }
          line.getErr().flush();
          writeErrorFile(context, ex);
          return ex instanceof dev.parity.error.ParityException pe ? pe.exitCode() : ExitCode.ERROR;
        });
    cl.setExecutionStrategy(
        parseResult -> {
          String library = context.env().get("PARITY_LIBRARY_VERSION");
          if (library != null && !library.equals(Version.own())) {
            // the Jenkins steps and the CLI must be one release: arguments and answers change
            var mismatch =
                new dev.parity.error.ParityException(
                    "the Jenkins library (its steps) is parity "
                        + dev.parity.text.Untrusted.visible(library)
                        + " but this checkout's CLI is parity "
                        + Version.own()
                        + ": load the library at the tag the job checks out, or check out the tag"
                        + " the library is loaded at");
            context.err().println("parity: " + mismatch.getMessage());
            context.err().flush();
            writeErrorFile(context, mismatch);
            return ExitCode.ERROR;
          }
          java.time.Instant started = java.time.Instant.now();
          int exit;
          try {
            exit = new CommandLine.RunLast().execute(parseResult);
          } catch (CommandLine.ExecutionException e) {
            // A run that failed (a refusal at the gate, a stage that stopped) is recorded too,
            // with the exit code it ends with; the exception handler then prints it.
            try {
              record(
                  context,
                  parseResult,
                  started,
                  e.getCause() instanceof dev.parity.error.ParityException pe
                      ? pe.exitCode()
                      : ExitCode.ERROR);
            } finally {
              context.recorder().openedStore().ifPresent(dev.parity.store.Store::close);
            }
            throw e;
          }
          try {
            record(context, parseResult, started, exit);
          } finally {
            context.recorder().openedStore().ifPresent(dev.parity.store.Store::close);
          }
          return exit;
        });
    cl.setParameterExceptionHandler(
        (ex, given) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("parity: " + ex.getMessage());
          c.getErr().println("See '" + c.getCommandSpec().qualifiedName() + " --help'.");
          c.getErr().flush();
          return ExitCode.ERROR;
        });
    return cl;
  }

  /**
   * The error's message with the file system's reason when the message does not say it already:
   * "cannot lock .../parity.lock" alone does not tell a read-only or full disk from a missing
   * directory.
   */
  static String message(Throwable ex) {
    String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
    String reason = reason(ex.getCause());
    return reason == null || message.contains(reason) ? message : message + ": " + reason;
  }

  /**
   * What the file system said; the JDK leaves the reason empty for a denied access or a missing
   * file.
   */
  private static String reason(Throwable cause) {
    if (cause instanceof java.nio.file.FileSystemException fs) {
      return fs.getReason() != null
          ? fs.getReason()
          : fs instanceof java.nio.file.AccessDeniedException
              ? "access denied"
              : fs instanceof java.nio.file.NoSuchFileException
                  ? "no such file or directory"
                  : fs.getClass().getSimpleName();
    }
    return cause instanceof IOException io ? io.getMessage() : null;
  }

  private static String name(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }

  /**
   * Writes the run record of a command that named its work dir; a record that cannot be written is
   * a warning.
   */
  private static void record(
      Context context, CommandLine.ParseResult parseResult, java.time.Instant started, int exit) {
    RunRecorder r = context.recorder();
    if (r.workDir == null) {
      return;
    }
    var json = Json.mapper();
    var record = json.createObjectNode();
    CommandLine.ParseResult sub = parseResult;
    StringBuilder command = new StringBuilder();
    while (sub.hasSubcommand()) {
      sub = sub.subcommand();
      command.append(command.length() == 0 ? "" : " ").append(sub.commandSpec().name());
    }
    record.put("command", command.toString());
    record.put("environment", r.environment);
    record.put("user", System.getProperty("user.name"));
    record.put("started", started.toString());
    record.put("ended", java.time.Instant.now().toString());
    record.put("exit_code", exit);
    record.put("plan_fingerprint", r.planFingerprint);
    record.set("results", r.results);
    if (r.approval != null) {
      record.set("approval", r.approval);
    }
    try {
      new dev.parity.workdir.RunRecords(r.workDir).write(record);
      // A team's jobs share the store: the row is what the other agents (and people) see.
      var shared = r.openedStore().filter(dev.parity.store.Store::shared);
      if (shared.isPresent()) {
        shared.get().recordRun(record);
      }
    } catch (java.io.IOException | RuntimeException e) {
      context
          .err()
          .println(
              "parity: warning: the run record could not be written to "
                  + r.workDir
                  + ": "
                  + e.getMessage());
      context.err().flush();
    }
  }

  /**
   * For the Jenkins steps: when PARITY_ERROR_FILE is set, the error message goes there too, so a
   * step can fail with parity's own words. Messages never hold secret values.
   */
  private static void writeErrorFile(Context context, Exception ex) {
    String file = context.env().get("PARITY_ERROR_FILE");
    if (file == null || file.isBlank()) {
      return;
    }
    try {
      java.nio.file.Files.writeString(java.nio.file.Path.of(file), message(ex) + "\n");
    } catch (java.io.IOException | RuntimeException ignored) {
      // the message is on stderr already
    }
  }

  /** Creates commands with the shared {@link Context} injected. */
  private record ContextFactory(Context context) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      try {
        return cls.getDeclaredConstructor(Context.class).newInstance(context);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(cls);
      }
    }
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "parity " + own(),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
      };
    }

    /** This CLI's version, as Maven wrote it into the jar. */
    static String own() {
      try (InputStream in = Cli.class.getResourceAsStream("/parity-version.properties")) {
        Properties p = new Properties();
        if (in != null) {
          p.load(in);
        }
        return p.getProperty("version", "unknown");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
