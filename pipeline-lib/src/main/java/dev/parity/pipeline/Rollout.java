package dev.parity.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.check.Version;
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
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The patch rollout: environment by environment, set the declared version in the environment's own
 * file (in place), deploy, assert; halt at the first failure and leave later environments
 * untouched. Only patch changes. Each environment's change is a commit in the checkout of the
 * variable sets (which must be clean when the rollout starts). The state of a rollout is kept in
 * the store (the work dir, or the shared store of a team's agents) so {@code --resume} continues
 * where it stopped, from any agent.
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
    List<String> done = new ArrayList<>();
    if (resume) {
      JsonNode state =
          stack
              .store()
              .rollout(service)
              .orElseThrow(
                  () ->
                      new ParityException(
                          "no rollout of " + service + " to resume in " + stack.store().where()));
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
    Optional<VarsRepository> repo = VarsRepository.of(varsDir, stack.runner());
    if (repo.isPresent()) {
      repo.get().refuseIfDirty();
    } else {
      console.accept(
          "   note: "
              + varsDir
              + " is in no git checkout: the version changes stay in the files, uncommitted");
    }
    for (String env : environments) {
      if (done.contains(env)) {
        console.accept(
            "== rollout: " + env + " already at " + service + " " + version + " (resumed)");
        continue;
      }
      console.accept("== rollout: " + service + " " + version + " to " + env);
      try (var lease = stack.store().lock(env, "rollout")) {
        String from = declare(env, service, version);
        if (repo.isPresent()) {
          String message = "rollout: " + service + " " + from + " -> " + version + " in " + env;
          repo.get()
              .commit(varsDir.resolve(env + ".yml"), message)
              .ifPresent(id -> console.accept("   committed " + id + " " + message));
        }
        VarSet current = loader.get();
        new Deploy(stack, console).deploy(current, current.environment(env), autoApprove, false);
      } catch (ParityException e) {
        saveState(service, version, environments, done, env);
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
      stack.store().history().record(service, version, env, stack.clock().instant());
      done.add(env);
      saveState(service, version, environments, done, null);
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
  private String declare(String env, String service, String version) {
    Path file = varsDir.resolve(env + ".yml");
    String from = loader.get().environment(env).services().get(service).version();
    try {
      String before = Files.readString(file);
      VarFileEditor.setVersion(file, service, version);
      VarSet after = new VarSetLoader().load(varsDir);
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
      return from;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void saveState(
      String service, String version, List<String> envs, List<String> done, String failedAt) {
    ObjectNode state = JSON.createObjectNode();
    state.put("service", service);
    state.put("to", version);
    state.set("environments", JSON.valueToTree(envs));
    state.set("done", JSON.valueToTree(done));
    state.put("stopped_at", failedAt);
    stack.store().saveRollout(service, state);
  }
}
