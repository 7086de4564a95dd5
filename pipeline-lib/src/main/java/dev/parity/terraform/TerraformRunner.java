package dev.parity.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.error.ParityException;
import dev.parity.process.JsonStdout;
import dev.parity.process.ProcessResult;
import dev.parity.process.ProcessRunner;
import dev.parity.process.ProcessSpec;
import dev.parity.process.ToolFailedException;
import dev.parity.text.SecretMasker;
import dev.parity.workdir.EnvironmentDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the engine for one environment: init, plan -out, show -json, apply of a saved plan, output
 * -json. Every call gets the environment's own TF_DATA_DIR and plugin cache, the CLI configuration
 * that allows only the provider mirror, no prompts, and a timeout; output is streamed (masked) to
 * the console and the environment's log.
 */
public final class TerraformRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProcessRunner runner;
  private final Engine engine;
  private final EnvironmentDir dir;
  private final Map<String, String> toolEnv;
  private final SecretMasker masker;
  private final Consumer<String> console;
  private final Duration timeout;
  private final String environment;

  /**
   * @param extraEnv secrets for the engine (TF_VAR_secrets, PG_CONN_STR): environment only, never
   *     argv
   */
  public TerraformRunner(
      ProcessRunner runner,
      Engine engine,
      EnvironmentDir dir,
      String environment,
      Map<String, String> extraEnv,
      SecretMasker masker,
      Consumer<String> console,
      Duration timeout) {
    this.runner = runner;
    this.engine = engine;
    this.dir = dir;
    this.environment = environment;
    this.masker = masker;
    this.console = console;
    this.timeout = timeout;
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("TF_CLI_CONFIG_FILE", engine.cliConfig().toString());
    env.put("TF_DATA_DIR", dir.terraformData().toString());
    env.put("TF_PLUGIN_CACHE_DIR", dir.pluginCache().toString());
    env.put("TF_IN_AUTOMATION", "1");
    env.put("TF_INPUT", "0");
    env.put("CHECKPOINT_DISABLE", "1");
    this.toolEnv = Map.copyOf(env);
  }

  public void init() {
    run("init", List.of("-input=false", "-no-color"), null).orThrow();
  }

  /** Plans into {@code planFile}; true when there are changes (exit 2 of -detailed-exitcode). */
  public boolean plan(Path tfvars, Path planFile) {
    return plan(tfvars, planFile, List.of());
  }

  /** The same, with these resources planned for replacement ({@code -replace=ADDRESS}). */
  public boolean plan(Path tfvars, Path planFile, List<String> replace) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "-input=false",
                "-no-color",
                "-lock-timeout=0s",
                "-detailed-exitcode",
                "-var-file=" + tfvars,
                "-out=" + planFile));
    replace.forEach(address -> args.add("-replace=" + address));
    ProcessResult r = run("plan", args, null);
    if (r.exitCode() == 0 || r.exitCode() == 2) {
      return r.exitCode() == 2 && !r.timedOut();
    }
    throw failure(r);
  }

  /**
   * Summarises the saved plan; the show -json document (which holds unredacted values) is deleted
   * at once.
   */
  public PlanSummary show(Path planFile) {
    return show(planFile, false).summary();
  }

  /** A plan's summary and, when asked, which attributes its updates change. */
  public record Shown(PlanSummary summary, ChangedAttributes attributes) {}

  /**
   * Shows a saved plan; with {@code attributes}, also reads which attributes each update changes (a
   * second pass, made only when expected drift needs it), before the document, which holds values,
   * is deleted.
   */
  public Shown show(Path planFile, boolean attributes) {
    Path json = planFile.resolveSibling(".show-" + ProcessHandle.current().pid() + ".json");
    try {
      ProcessResult r =
          runner.run(
              spec("show", List.of("-json", "-no-color", planFile.toString())).withStdoutTo(json));
      if (!r.succeeded()) {
        throw failure(r);
      }
      PlanSummary summary = PlanSummarizer.summarize(json);
      boolean updates = !summary.updates().isEmpty() || !summary.drift().isEmpty();
      return new Shown(
          summary, attributes && updates ? ChangedAttributes.read(json) : ChangedAttributes.NONE);
    } catch (IOException e) {
      throw new ParityException(
          "cannot read the plan of " + environment + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(json);
      } catch (IOException ignored) {
        // best effort; the file is 0600 in the environment's own directory
      }
    }
  }

  /** Applies exactly the saved plan. */
  public void apply(Path planFile) {
    ProcessResult r =
        run(
            "apply",
            List.of("-input=false", "-no-color", "-lock-timeout=0s", planFile.toString()),
            null);
    if (!r.succeeded()) {
      keepErroredState();
      RuntimeException failure = failure(r);
      if (failure instanceof ToolFailedException) {
        throw new ParityException(
            failure.getMessage()
                + "\nThe apply of "
                + environment
                + " did not finish; "
                + "resources created before the failure are in the state. Run `parity plan --env "
                + environment
                + "` to see what remains, then apply that plan.",
            failure);
      }
      throw failure;
    }
  }

  /**
   * Plans the destruction of everything in the state into {@code planFile} ({@code plan -destroy
   * -out}): destroying is a plan mode, gated and applied through {@link #apply} like any plan.
   */
  public void planDestroy(Path tfvars, Path planFile) {
    ProcessResult r =
        run(
            "plan",
            List.of(
                "-destroy",
                "-input=false",
                "-no-color",
                "-lock-timeout=0s",
                "-detailed-exitcode",
                "-var-file=" + tfvars,
                "-out=" + planFile),
            null);
    if (r.exitCode() != 0 && r.exitCode() != 2) {
      throw failure(r);
    }
  }

  /**
   * {@code output -json}: every output's value, read whole (an inventory of thousands of nodes is
   * more than any capture keeps) from a 0600 file removed at once: it holds sensitive outputs too.
   */
  public JsonNode outputs() {
    JsonStdout.Result r =
        JsonStdout.run(
            runner,
            spec("output", List.of("-json", "-no-color")),
            dir.terraformRoot()
                .resolveSibling(".output-" + ProcessHandle.current().pid() + ".json"));
    if (r.json() == null) {
      throw failure(r.process());
    }
    return r.json();
  }

  private ProcessResult run(String subcommand, List<String> args, Path stdout) {
    console.accept("$ " + engine.name() + " " + subcommand + " (" + environment + ")");
    ProcessSpec spec =
        spec(subcommand, args).streamingTo(line -> console.accept(("  " + line).stripTrailing()));
    return runner.run(stdout == null ? spec : spec.withStdoutTo(stdout));
  }

  private ProcessSpec spec(String subcommand, List<String> args) {
    List<String> argv =
        new ArrayList<>(
            List.of(engine.binary().toString(), "-chdir=" + dir.terraformRoot(), subcommand));
    argv.addAll(args);
    return ProcessSpec.of(engine.name(), argv, dir.terraformRoot(), timeout)
        .withEnvironment(toolEnv)
        .withMasker(masker);
  }

  /** The engine's own error, made specific where parity knows what to do. */
  private RuntimeException failure(ProcessResult r) {
    String output = r.stdout() + r.stderr();
    var lock = StateLockError.parse(output);
    if (lock.isPresent()) {
      StateLockError l = lock.get();
      return new ParityException(
          "the state of "
              + environment
              + " is locked by "
              + l.who()
              + " ("
              + l.operation()
              + " since "
              + l.created()
              + ", lock ID "
              + l.id()
              + "). If that run is still going, wait for it. If it "
              + "died and left the lock behind, clear it with:\n  TF_DATA_DIR="
              + dir.terraformData()
              + " TF_CLI_CONFIG_FILE="
              + engine.cliConfig()
              + " "
              + engine.binary()
              + " -chdir="
              + dir.terraformRoot()
              + " force-unlock -force "
              + l.id());
    }
    if (output.contains("Saved plan is stale")) {
      return new ParityException(
          "the saved plan of "
              + environment
              + " is stale: the state changed since it was "
              + "made. Run `parity plan --env "
              + environment
              + "` again and review the new plan.");
    }
    return r.failure();
  }

  /**
   * When the engine cannot save state it writes errored.tfstate into its working directory: move it
   * out of the way (never delete it) and say how to push it back.
   */
  private void keepErroredState() {
    Path errored = dir.terraformRoot().resolve("errored.tfstate");
    if (!Files.exists(errored)) {
      return;
    }
    try {
      Files.createDirectories(dir.recovered());
      Path kept =
          dir.recovered()
              .resolve("errored-" + Instant.now().toString().replace(':', '-') + ".tfstate");
      Files.move(errored, kept);
      console.accept(
          "the engine could not save the state of " + environment + "; it is kept in " + kept);
      console.accept(
          "push it back once the backend works: TF_DATA_DIR="
              + dir.terraformData()
              + " TF_CLI_CONFIG_FILE="
              + engine.cliConfig()
              + " "
              + engine.binary()
              + " -chdir="
              + dir.terraformRoot()
              + " state push "
              + kept);
    } catch (IOException e) {
      console.accept(
          "the engine left " + errored + " (could not move it: " + e.getMessage() + "); keep it");
    }
  }
}
