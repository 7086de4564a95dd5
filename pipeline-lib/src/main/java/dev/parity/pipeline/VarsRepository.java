package dev.parity.pipeline;

import dev.parity.error.ParityException;
import dev.parity.process.ProcessResult;
import dev.parity.process.ProcessRunner;
import dev.parity.process.ProcessSpec;
import dev.parity.process.ToolNotFoundException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The git checkout that holds the variable sets: a rollout's version change becomes a commit in it,
 * so that the next deploy, on any agent, checks out what was rolled out instead of patching the
 * environment back down. With an upstream ({@link #checkOutUpstream}, {@link #push}) the rollout
 * starts from the branch's remote head and pushes each commit before it deploys, rebasing onto
 * whatever others pushed meanwhile, so no commit is lost and none is deployed unpublished.
 */
public final class VarsRepository {
  private static final Duration GIT_TIMEOUT = Duration.ofMinutes(2);
  private final Path top;
  private final ProcessRunner runner;

  private VarsRepository(Path top, ProcessRunner runner) {
    this.top = top;
    this.runner = runner;
  }

  /** The checkout that holds {@code varsDir}, or empty when it is in none (or git is missing). */
  public static Optional<VarsRepository> of(Path varsDir, ProcessRunner runner) {
    try {
      ProcessResult r =
          runner.run(
              ProcessSpec.of(
                  "git",
                  List.of("git", "rev-parse", "--show-toplevel"),
                  varsDir.toAbsolutePath(),
                  GIT_TIMEOUT));
      return r.succeeded()
          ? Optional.of(new VarsRepository(Path.of(r.stdout().strip()), runner))
          : Optional.empty();
    } catch (ToolNotFoundException e) {
      return Optional.empty();
    }
  }

  public Path top() {
    return top;
  }

  /**
   * Refuses a checkout with uncommitted changes: a rollout's commits must hold its version changes
   * and nothing else.
   */
  public void refuseIfDirty() {
    String status = git("status", "--porcelain").stdout().strip();
    if (!status.isEmpty()) {
      List<String> lines = status.lines().limit(10).toList();
      throw new ParityException(
          "the checkout "
              + top
              + " has uncommitted changes; a rollout commits each version change and refuses to"
              + " mix in others. Commit or stash them first:\n  "
              + String.join("\n  ", lines));
    }
  }

  /**
   * The commit the variable sets in {@code dir} are at, with {@code +dirty} when they have
   * uncommitted changes there: what a change set says it was computed from.
   */
  public String head(Path dir) {
    String commit = git("rev-parse", "HEAD").stdout().strip();
    String path = top.relativize(dir.toAbsolutePath().normalize()).toString();
    boolean dirty =
        !git("status", "--porcelain", "--", path.isEmpty() ? "." : path).stdout().isBlank();
    return commit + (dirty ? "+dirty" : "");
  }

  /** Commits the file's change (nothing when it has none); returns the short commit id. */
  public Optional<String> commit(Path file, String message) {
    String path = top.relativize(file.toAbsolutePath().normalize()).toString();
    if (git("status", "--porcelain", "--", path).stdout().isBlank()) {
      return Optional.empty();
    }
    git("add", "--", path);
    git(withIdentity("commit", "--quiet", "-m", message, "--", path));
    return Optional.of(git("rev-parse", "--short", "HEAD").stdout().strip());
  }

  /**
   * Where the rollout's commits go: a remote's branch, and the credential (GIT_USERNAME and
   * GIT_PASSWORD from the environment, as the Jenkins step binds them) that git is handed through a
   * credential helper reading those variables: the values never reach an argument.
   */
  public record Upstream(String remote, String branch, Map<String, String> credential) {
    public Upstream {
      if (!remote.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
        throw new ParityException("--remote: not a git remote name: " + remote);
      }
      if (!branch.matches("[A-Za-z0-9][A-Za-z0-9._/-]*") || branch.contains("..")) {
        throw new ParityException("--push: not a branch name: " + branch);
      }
      credential = Map.copyOf(credential);
    }

    /** The upstream, its credential taken from these variables when both are set. */
    public static Upstream of(String remote, String branch, Map<String, String> env) {
      Map<String, String> credential = new HashMap<>();
      if (env.get("GIT_USERNAME") != null && env.get("GIT_PASSWORD") != null) {
        credential.put("GIT_USERNAME", env.get("GIT_USERNAME"));
        credential.put("GIT_PASSWORD", env.get("GIT_PASSWORD"));
      }
      return new Upstream(remote, branch, credential);
    }

    String tracking() {
      return remote + "/" + branch;
    }
  }

  /** How many times a rejected push is rebased and tried again. */
  static final int PUSH_ATTEMPTS = 5;

  /**
   * Puts the checkout on the upstream branch at its remote head (from a detached checkout too), so
   * the rollout edits the newest variable files, not those of when the job started.
   */
  public void checkOutUpstream(Upstream upstream) {
    refuseIfDirty();
    fetch(upstream);
    String ahead = git("rev-list", "--count", upstream.tracking() + "..HEAD").stdout().strip();
    if (!ahead.equals("0")) {
      // moving to the remote head would leave them behind: they are not parity's to drop or push
      throw new ParityException(
          "the checkout "
              + top
              + " has "
              + ahead
              + " commit(s) that "
              + upstream.tracking()
              + " does not; a rollout with --push starts from the branch's remote head and pushes"
              + " only its own commits. Push or drop them first.");
    }
    git("checkout", "--quiet", "-B", upstream.branch(), upstream.tracking());
  }

  /**
   * Pushes HEAD to the upstream branch. A rejected push (someone pushed meanwhile) is fetched,
   * parity's commits rebased onto it, and tried again, a bounded number of times. Refuses, before
   * anything is sent, commits that touch anything outside {@code varsDir}.
   */
  public void push(Upstream upstream, Path varsDir) {
    String under = top.relativize(varsDir.toAbsolutePath().normalize()).toString();
    String why = "";
    for (int attempt = 1; attempt <= PUSH_ATTEMPTS; attempt++) {
      List<String> touched =
          git("diff", "--name-only", upstream.tracking() + "...HEAD").stdout().lines().toList();
      List<String> outside =
          touched.stream().filter(f -> !under.isEmpty() && !f.startsWith(under + "/")).toList();
      if (!outside.isEmpty()) {
        throw new ParityException(
            "refusing to push to "
                + upstream.tracking()
                + ": the commits touch files outside "
                + under
                + "/ ("
                + String.join(", ", outside.subList(0, Math.min(5, outside.size())))
                + "); a rollout pushes variable-set changes only");
      }
      ProcessResult pushed =
          gitMay(
              upstream,
              "push",
              "--porcelain",
              upstream.remote(),
              "HEAD:refs/heads/" + upstream.branch());
      if (pushed.succeeded()) {
        return;
      }
      why = String.join(" | ", pushed.tail(3));
      String said = pushed.stdout() + pushed.stderr();
      if (!(said.contains("[rejected]")
          || said.contains("non-fast-forward")
          || said.contains("fetch first"))) {
        throw new ParityException("git push to " + upstream.tracking() + " failed: " + why);
      }
      fetch(upstream);
      ProcessResult rebased =
          gitMay(upstream, withIdentity("rebase", "--quiet", upstream.tracking()));
      if (!rebased.succeeded()) {
        gitMay(upstream, "rebase", "--abort");
        throw new ParityException(
            "git push to "
                + upstream.tracking()
                + " was rejected, and parity's commits do not rebase onto what was pushed"
                + " meanwhile: "
                + String.join(" | ", rebased.tail(3)));
      }
    }
    throw new ParityException(
        "git push to "
            + upstream.tracking()
            + " was still rejected after "
            + PUSH_ATTEMPTS
            + " attempts (others keep pushing): "
            + why);
  }

  private void fetch(Upstream upstream) {
    // into the tracking ref by name: a checkout Jenkins made may have no refspec that would do it
    ProcessResult r =
        gitMay(
            upstream,
            "fetch",
            "--quiet",
            upstream.remote(),
            "+refs/heads/" + upstream.branch() + ":refs/remotes/" + upstream.tracking());
    if (!r.succeeded()) {
      throw new ParityException(
          "git fetch "
              + upstream.tracking()
              + " failed in "
              + top
              + ": "
              + String.join(" | ", r.tail(3)));
    }
  }

  /**
   * The arguments with parity's identity in front when the checkout has none (agents often do not).
   */
  private String[] withIdentity(String... args) {
    List<String> all = new ArrayList<>();
    if (git("config", "user.email").stdout().isBlank()) {
      all.addAll(List.of("-c", "user.name=parity", "-c", "user.email=parity@localhost"));
    }
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }

  /** git with the upstream's credential helper; the result, whatever the exit. */
  private ProcessResult gitMay(Upstream upstream, String... args) {
    List<String> argv = new ArrayList<>(List.of("git"));
    if (!upstream.credential().isEmpty()) {
      // the helper prints the variables at git's request; their values are in no argument
      argv.addAll(
          List.of(
              "-c",
              "credential.helper=",
              "-c",
              "credential.helper=!f() { echo username=\"$GIT_USERNAME\"; echo password=\"$GIT_PASSWORD\"; }; f"));
    }
    argv.addAll(List.of(args));
    Map<String, String> env = new HashMap<>(upstream.credential());
    env.put("GIT_TERMINAL_PROMPT", "0");
    return runner.run(
        ProcessSpec.of("git", argv, top, GIT_TIMEOUT)
            .withEnvironment(env)
            .withMasker(
                dev.parity.text.SecretMasker.of(
                    upstream.credential().containsKey("GIT_PASSWORD")
                        ? List.of(upstream.credential().get("GIT_PASSWORD"))
                        : List.of())));
  }

  private ProcessResult git(String... args) {
    List<String> argv = new ArrayList<>();
    argv.add("git");
    argv.addAll(List.of(args));
    ProcessResult r = runner.run(ProcessSpec.of("git", argv, top, GIT_TIMEOUT));
    // `git config KEY` exits 1 when the key is unset: an answer, not a failure.
    if (!r.succeeded() && !(args.length == 2 && args[0].equals("config"))) {
      throw new ParityException(
          "git "
              + String.join(" ", args)
              + " failed in "
              + top
              + ": "
              + String.join(" | ", r.tail(4)));
    }
    return r;
  }
}
