package dev.parity.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.change.Approval;
import dev.parity.change.ChangeSet;
import dev.parity.change.Gate;
import dev.parity.change.RolloutChangeSet;
import dev.parity.check.Version;
import dev.parity.error.ParityException;
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
  private Optional<VarsRepository.Upstream> upstream = Optional.empty();
  private dev.parity.notify.Notifications notifications;
  private String runBy;

  /**
   * @param loader loads the variable set afresh (it changes as the rollout edits files)
   */
  public Rollout(Stack stack, Supplier<VarSet> loader, Path varsDir, Consumer<String> console) {
    this.stack = stack;
    this.loader = loader;
    this.varsDir = varsDir;
    this.console = console;
  }

  /**
   * Tells webhooks when a step changes an environment's verdict: a halted step errs it, a step that
   * deployed and asserted puts it in parity (resolved, when it was not).
   *
   * @param notifications null for none
   */
  public void telling(dev.parity.notify.Notifications notifications, String runBy) {
    this.notifications = notifications;
    this.runBy = runBy;
  }

  private void tell(
      String env, dev.parity.notify.Notifications.Verdict verdict, List<String> what, String by) {
    if (notifications != null) {
      VerdictState.update(
              stack.store(), env, state -> notifications.after(env, state, verdict, what, by))
          .forEach(line -> console.accept("   " + line));
    }
  }

  /**
   * Pushes each environment's commit to this upstream before the environment is deployed: an
   * environment counts as done only once its version change is published.
   */
  public void pushingTo(VarsRepository.Upstream to) {
    this.upstream = Optional.of(to);
  }

  /**
   * Rolls the version out, holding the lease of every environment from the start to the end.
   *
   * @param approval for the protected environments: --auto-approve, or the SHA-256 of the rollout's
   *     change set ({@link #plan})
   */
  public List<String> run(
      String service,
      String version,
      List<String> environments,
      boolean resume,
      Approval approval,
      boolean allowDowngrade) {
    List<String> done = resume ? resumed(service, version) : new ArrayList<>();
    VarSet set = loader.get();
    for (String env : environments) {
      refuseUnlessPatch(set.environment(env), service, version, allowDowngrade);
      try {
        // before the gate and the first edit: a file the rollout may not edit stops it whole
        VarFileEditor.requireEditable(varsDir, set.environment(env).file());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Optional<VarsRepository> repo = VarsRepository.of(varsDir, stack.runner());
    if (upstream.isPresent() && repo.isEmpty()) {
      throw new ParityException("--push: " + varsDir + " is in no git checkout");
    }
    if (repo.isPresent()) {
      repo.get().refuseIfDirty();
    } else {
      console.accept(
          "   note: "
              + varsDir
              + " is in no git checkout: the version changes stay in the files, uncommitted");
    }
    Leases leases = Leases.take(stack.store(), environments, "rollout");
    try {
      List<String> pending = environments.stream().filter(e -> !done.contains(e)).toList();
      // Resumed: the environment it stopped at may be down because of it; resuming repairs it.
      String stoppedAt =
          resume
              ? stack
                  .store()
                  .rollout(service)
                  .map(st -> st.path("stopped_at").asText(""))
                  .orElse("")
              : "";
      refuseUnlessReachable(
          set, service, version, pending.stream().filter(e -> !e.equals(stoppedAt)).toList());
      refuseUnlessInstallable(set, service, version, pending, leases);
      boolean anyProtected = pending.stream().anyMatch(e -> set.environment(e).isProtected());
      // The gate, before the first edit: the whole rollout as one change set.
      Optional<RolloutChangeSet> approved;
      try {
        approved =
            Gate.pass(
                "rollout --service " + service + " --to " + version,
                anyProtected,
                approval,
                () -> preview(set, service, version, pending, leases));
      } catch (Gate.Refused e) {
        throw new RolloutHalted(e.getMessage(), 1);
      }
      for (String env : environments) {
        if (done.contains(env)) {
          console.accept(
              "== rollout: " + env + " already at " + service + " " + version + " (resumed)");
          continue;
        }
        console.accept("== rollout: " + service + " " + version + " to " + env);
        try {
          String from = declare(env, service, version);
          if (repo.isPresent()) {
            String message = "rollout: " + service + " " + from + " -> " + version + " in " + env;
            repo.get()
                .commit(loader.get().environment(env).file(), message)
                .ifPresent(id -> console.accept("   committed " + id + " " + message));
            if (upstream.isPresent()) {
              // published before deployed: no environment runs a version its branch does not say
              repo.get().push(upstream.get(), varsDir);
              console.accept("   pushed to " + upstream.get().tracking());
            }
          }
          VarSet current = loader.get();
          new Deploy(stack, console)
              .deploy(
                  current,
                  current.environment(env),
                  stepApproval(approval, approved, env),
                  false,
                  leases.of(env));
        } catch (ParityException e) {
          saveState(service, version, environments, done, env);
          RolloutHalted halt = halted(service, version, environments, env, e);
          tell(
              env,
              dev.parity.notify.Notifications.Verdict.ERRORED,
              List.of(halt.getMessage()),
              null);
          throw halt;
        }
        stack.store().history().record(service, version, env, stack.clock().instant());
        done.add(env);
        saveState(service, version, environments, done, null);
        tell(
            env,
            dev.parity.notify.Notifications.Verdict.IN_PARITY,
            List.of(),
            "parity rollout of "
                + service
                + " "
                + version
                + (runBy == null ? "" : " (run by " + runBy + ")"));
      }
    } finally {
      leases.close();
    }
    console.accept(
        "== rollout: " + service + " " + version + " reached " + String.join(", ", environments));
    return done;
  }

  /**
   * The rollout's change set without running it: what {@code rollout --plan} prints and what an
   * approval names. Holds the leases while it plans.
   */
  public RolloutChangeSet plan(
      String service, String version, List<String> environments, boolean allowDowngrade) {
    VarSet set = loader.get();
    for (String env : environments) {
      refuseUnlessPatch(set.environment(env), service, version, allowDowngrade);
      try {
        // before the gate and the first edit: a file the rollout may not edit stops it whole
        VarFileEditor.requireEditable(varsDir, set.environment(env).file());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    try (Leases leases = Leases.take(stack.store(), environments, "rollout --plan")) {
      refuseUnlessInstallable(set, service, version, environments, leases);
      return preview(set, service, version, environments, leases);
    }
  }

  /** A protected environment's deploy is approved with its own change set from the preview. */
  private static Approval stepApproval(
      Approval approval, Optional<RolloutChangeSet> approved, String env) {
    if (approval.any() || approved.isEmpty()) {
      return approval;
    }
    return approved.get().steps().stream()
        .filter(s -> s.environment().equals(env) && s.changes() != null)
        .findFirst()
        .map(s -> Approval.of(s.changes().sha256()).by(approval.approvedBy()))
        .orElse(approval);
  }

  /**
   * Each environment's step; for a protected one, its deploy's change set with the version set in a
   * copy of the variable sets (the real files are edited only once the rollout is approved).
   */
  private RolloutChangeSet preview(
      VarSet set, String service, String version, List<String> environments, Leases leases) {
    Path copy = stack.workDir().root().resolve("rollout-preview").resolve("vars");
    try {
      dev.parity.process.PrivateFiles.deleteTree(copy.getParent());
      copyTree(varsDir, copy);
      for (String env : environments) {
        VarFileEditor.setVersion(
            copy,
            copy.resolve(set.environment(env).file().getFileName().toString()),
            service,
            version);
      }
      VarSet edited = new VarSetLoader().load(copy);
      if (!edited.isValid()) {
        throw new VarSetException(
            "setting " + service + " " + version + " breaks the variable set:", edited.problems());
      }
      List<RolloutChangeSet.Step> steps = new ArrayList<>();
      for (String env : environments) {
        EnvironmentSpec before = set.environment(env);
        ChangeSet changes = null;
        if (before.isProtected()) {
          EnvironmentSpec after = edited.environment(env);
          changes =
              new ChangeSets(stack)
                  .deploy(
                      after, stack.infrastructure().plan(after, leases.of(env)), leases.of(env));
        }
        steps.add(
            new RolloutChangeSet.Step(
                env, before.services().get(service).version(), before.isProtected(), changes));
      }
      return new RolloutChangeSet(service, version, steps);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        dev.parity.process.PrivateFiles.deleteTree(copy.getParent());
      } catch (UncheckedIOException ignored) {
        // a copy of the variable files (no secret values) in the work dir
      }
    }
  }

  private List<String> resumed(String service, String version) {
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
    // The files decide, not the state: an environment recorded done whose file no longer declares
    // the version (edited, reverted, another checkout) is rolled again.
    VarSet set = loader.get();
    List<String> done = new ArrayList<>();
    for (JsonNode d : state.path("done")) {
      String env = d.asText();
      String declared =
          set.environments().containsKey(env)
                  && set.environment(env).services().containsKey(service)
              ? set.environment(env).services().get(service).version()
              : null;
      if (version.equals(declared)) {
        done.add(env);
      } else {
        console.accept(
            "   note: the rollout state says "
                + env
                + " is done, but its file declares "
                + service
                + " "
                + (declared == null ? "nothing" : declared)
                + ": it is rolled again");
      }
    }
    return done;
  }

  private static RolloutHalted halted(
      String service, String version, List<String> environments, String env, ParityException e) {
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
    return e instanceof StageFailure sf
        ? new RolloutHalted(message, sf.exitCode())
        : new RolloutHalted(message, 1);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else if (Files.isRegularFile(f)) {
          Files.copy(f, target);
        }
      }
    }
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

  /**
   * Before anything is edited: every node of every environment still to roll to answers, else the
   * rollout would upgrade the reachable ones and halt with versions mixed.
   */
  private void refuseUnlessReachable(
      VarSet set, String service, String version, List<String> pending) {
    List<String> unreachable = new ArrayList<>();
    for (String env : pending) {
      stack
          .assertLive(set.environment(env))
          .ifPresent(
              live ->
                  live.results().stream()
                      .filter(
                          r ->
                              dev.parity.assertion.AssertionResult.UNREACHABLE.equals(r.observed()))
                      .forEach(r -> unreachable.add(r.node() + " " + r.service())));
    }
    if (!unreachable.isEmpty()) {
      throw new ParityException(
          "the rollout of "
              + service
              + " "
              + version
              + " changed nothing: "
              + unreachable.size()
              + " service(s) do not answer ("
              + String.join(", ", unreachable)
              + "); bring them back (parity status, parity reconcile --restore), then roll out");
    }
  }

  /**
   * Before anything is edited: the version must be one every node can install, from where it gets
   * the service (parity's builds, fetched now if need be; the node's package sources), else the
   * rollout would commit a version it then cannot deploy.
   */
  private void refuseUnlessInstallable(
      VarSet set, String service, String version, List<String> pending, Leases leases) {
    for (String env : pending) {
      try {
        stack
            .configuration()
            .requireInstallable(set.environment(env), service, version, leases.of(env));
      } catch (ParityException e) {
        throw new ParityException(
            "the rollout of "
                + service
                + " "
                + version
                + " changed nothing: it cannot be installed in "
                + env
                + ": "
                + e.getMessage());
      }
    }
  }

  private static void refuseUnlessPatch(
      EnvironmentSpec spec, String service, String version, boolean allowDowngrade) {
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
    if (to.compareTo(from) < 0 && !allowDowngrade) {
      throw new ParityException(
          service
              + " "
              + from
              + " -> "
              + to
              + " in "
              + spec.name()
              + " is a downgrade; the rollout changed nothing. Give --allow-downgrade if that is"
              + " what you mean (a patch downgrade keeps the data directory)");
    }
  }

  /**
   * Edits the environment's file, then proves the variable set still loads; puts the file back if
   * it does not.
   */
  private String declare(String env, String service, String version) {
    EnvironmentSpec spec = loader.get().environment(env);
    Path file = spec.file();
    String from = spec.services().get(service).version();
    try {
      String before = Files.readString(file);
      VarFileEditor.setVersion(varsDir, file, service, version);
      VarSet after = new VarSetLoader().load(varsDir);
      if (!after.isValid()) {
        VarFileEditor.replace(file, before);
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
