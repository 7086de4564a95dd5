package dev.parity.pipeline;

import dev.parity.error.ParityException;
import dev.parity.process.ProcessResult;
import dev.parity.process.ProcessRunner;
import dev.parity.process.ProcessSpec;
import dev.parity.process.ToolNotFoundException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The git checkout that holds the variable sets: a rollout's version change becomes a commit in it,
 * so that the next deploy, on any agent, checks out what was rolled out instead of patching the
 * environment back down. Pushing is the Jenkins step's job (it holds the git credentials).
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
    List<String> commit = new ArrayList<>();
    // Agents often have no git identity; the commit then says who made it: parity.
    if (git("config", "user.email").stdout().isBlank()) {
      commit.addAll(List.of("-c", "user.name=parity", "-c", "user.email=parity@localhost"));
    }
    commit.addAll(List.of("commit", "--quiet", "-m", message, "--", path));
    git(commit.toArray(String[]::new));
    return Optional.of(git("rev-parse", "--short", "HEAD").stdout().strip());
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
