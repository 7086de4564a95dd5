package dev.parity.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.check.Version;
import dev.parity.check.VersionHistory;
import dev.parity.process.ParityException;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.VarSet;
import dev.parity.vars.VarSetException;
import dev.parity.vars.VarSetLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The patch rollout: environment by environment, set the declared version in the environment's own
 * file (in place), deploy, assert; halt at the first failure and leave later environments
 * untouched. Only patch changes. The state of a rollout is kept in {@code <work
 * dir>/rollouts/<service>.json} so {@code --resume} continues where it stopped.
 */
public final class Rollout {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Stack stack;
  private final Supplier<VarSet> loader;
  private final Path varsDir;
  private final Consumer<String> console;

  /**
   * @param loader loads the variable set afresh (it changes as the rollout edits files)
   */
  public Rollout(Stack stack, Supplier<VarSet> loader, Path varsDir, Consumer<String> console) {
    this.stack = stack;
    this.loader = loader;
    this.varsDir = varsDir;
    this.console = console;
  }

  public List<String> run(
      String service,
      String version,
      List<String> environments,
      boolean resume,
      boolean autoApprove) {
    Path stateFile = stack.workDir().root().resolve("rollouts").resolve(service + ".json");
    List<String> done = new ArrayList<>();
    if (resume) {
      JsonNode state = readState(stateFile);
      if (!state.path("to").asText().equals(version)) {
        throw new ParityException(
            "the rollout of "
                + service
                + " to resume went to "
                + state.path("to").asText()
                + ", not "
                + version);
      }
      state.path("done").forEach(d -> done.add(d.asText()));
    }
    VarSet set = loader.get();
    for (String env : environments) {
      refuseUnlessPatch(set.environment(env), service, version);
    }
    for (String env : environments) {
      if (done.contains(env)) {
        console.accept(
            "== rollout: " + env + " already at " + service + " " + version + " (resumed)");
        continue;
      }
      console.accept("== rollout: " + service + " " + version + " to " + env);
      try {
        declare(env, service, version);
        VarSet current = loader.get();
        new Deploy(stack, console).deploy(current, current.environment(env), autoApprove, false);
      } catch (ParityException e) {
        writeState(stateFile, service, version, environments, done, env);
        List<String> untouched =
            environments.subList(environments.indexOf(env) + 1, environments.size());
        String message =
            "the rollout of "
                + service
                + " "
                + version
                + " stopped at "
                + env
                + ": "
                + e.getMessage()
                + "\n"
                + (untouched.isEmpty() ? "" : "Not touched: " + String.join(", ", untouched) + ". ")
                + "Fix it, then resume with: parity rollout --service "
                + service
                + " --to "
                + version
                + " --envs "
                + String.join(",", environments)
                + " --resume";
        throw e instanceof StageFailure sf
            ? new RolloutHalted(message, sf.exitCode())
            : new RolloutHalted(message, 1);
      }
      new VersionHistory(stack.workDir().root())
          .record(service, version, env, stack.clock().instant());
      done.add(env);
      writeState(stateFile, service, version, environments, done, null);
    }
    console.accept(
        "== rollout: " + service + " " + version + " reached " + String.join(", ", environments));
    return done;
  }

  /** A halted rollout keeps the failing stage's exit code. */
  public static final class RolloutHalted extends ParityException {
    private final int exitCode;

    RolloutHalted(String message, int exitCode) {
      super(message);
      this.exitCode = exitCode;
    }

    @Override
    public int exitCode() {
      return exitCode;
    }
  }

  private static void refuseUnlessPatch(EnvironmentSpec spec, String service, String version) {
    var declared = spec.services().get(service);
    if (declared == null) {
      throw new ParityException(spec.name() + " does not run " + service);
    }
    Version from = Version.parse(declared.version());
    Version to = Version.parse(version);
    if (!from.series().equals(to.series()) || from.components().size() != to.components().size()) {
      throw new ParityException(
          service
              + " "
              + from
              + " -> "
              + to
              + " in "
              + spec.name()
              + " is not a patch "
              + "change: a rollout moves only the last version component ("
              + from.series()
              + ".x); major and minor "
              + "changes need their own plan");
    }
  }

  /**
   * Edits the environment's file, then proves the variable set still loads; puts the file back if
   * it does not.
   */
  private void declare(String env, String service, String version) {
    Path file = varsDir.resolve(env + ".yml");
    try {
      String before = Files.readString(file);
      VarFileEditor.setVersion(file, service, version);
      VarSet after = new VarSetLoader(stack.env(), stack.workDir().root()).load(varsDir);
      if (!after.isValid()) {
        Files.writeString(file, before);
        throw new VarSetException(
            "setting "
                + service
                + " "
                + version
                + " in "
                + file
                + " broke the variable set; "
                + "the file was put back:",
            after.problems());
      }
      console.accept("   " + file + ": services." + service + ".version = \"" + version + "\"");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode readState(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new ParityException("no rollout to resume (" + file + " is missing or unreadable)");
    }
  }

  private static void writeState(
      Path file,
      String service,
      String version,
      List<String> envs,
      List<String> done,
      String failedAt) {
    ObjectNode state = JSON.createObjectNode();
    state.put("service", service);
    state.put("to", version);
    state.set("environments", JSON.valueToTree(envs));
    state.set("done", JSON.valueToTree(done));
    state.put("stopped_at", failedAt);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, JSON.writeValueAsString(state) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
