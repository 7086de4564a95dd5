package dev.parity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * rollout --push with real git: the rollout starts from the branch's remote head (a stale, detached
 * checkout as Jenkins leaves it), pushes each commit before it deploys, and a push rejected because
 * another clone pushed meanwhile is rebased and pushed again: both changes end on the remote in a
 * linear history. The engine and Ansible are fakes ({@link FakeToolsLocal}).
 */
class RolloutPushTest {
  private FakeToolsLocal local;
  private Path remote;
  private Path other;

  private static String git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> argv =
        new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@t"));
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as("git " + String.join(" ", args) + ": " + out).isZero();
    return out.strip();
  }

  @BeforeEach
  void aWorkspaceCheckedOutDetachedFromARemote() throws Exception {
    local = new FakeToolsLocal(false);
    local.tools.realGit = true;
    Path root = local.home.root();
    Files.writeString(root.resolve(".gitignore"), ".parity/\n");
    remote = Files.createTempDirectory("parity-remote-");
    git(remote, "init", "--quiet", "--bare", "--initial-branch=main");
    git(root, "init", "--quiet", "--initial-branch=main");
    git(root, "add", "-A");
    git(root, "commit", "--quiet", "-m", "the variable sets");
    git(root, "remote", "add", "origin", remote.toString());
    git(root, "push", "--quiet", "origin", "main");
    git(root, "checkout", "--quiet", "--detach"); // as Jenkins' checkout scm leaves it
    other = Files.createTempDirectory("parity-other-");
    git(other, "clone", "--quiet", remote.toString(), ".");
  }

  /** rollout --push main of one service to local. */
  private FakeToolsLocal.Run rollout(String service, String version) {
    return local.parity(
        "rollout", "--service", service, "--to", version, "--envs", "local", "--push", "main");
  }

  @AfterEach
  void remove() throws Exception {
    local.close();
    dev.parity.support.ParityHome.deleteTree(remote);
    dev.parity.support.ParityHome.deleteTree(other);
  }

  @Test
  void aPushRejectedBecauseAnotherClonePushedMeanwhileIsRebasedAndBothChangesLand()
      throws Exception {
    // Another clone's change, pushed by a hook right after parity commits: between its commit and
    // its push, as a second job or a person would.
    Files.writeString(other.resolve("NOTES.md"), "a change made elsewhere\n");
    git(other, "add", "NOTES.md");
    git(other, "commit", "--quiet", "-m", "elsewhere: notes");
    Path hook = local.home.root().resolve(".git/hooks/post-commit");
    Files.writeString(
        hook,
        "#!/bin/sh\n[ -e \"$0.done\" ] && exit 0\ntouch \"$0.done\"\ncd '"
            + other
            + "' && git push --quiet origin main\n");
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));

    FakeToolsLocal.Run rollout = rollout("postgresql", "16.4");

    assertThat(rollout.all()).contains("pushed to origin/main");
    String log = git(remote, "log", "--format=%s", "main");
    assertThat(log.lines().toList())
        .as("linear: parity's commit rebased onto the other clone's")
        .containsExactly(
            "rollout: postgresql 16.2 -> 16.4 in local", "elsewhere: notes", "the variable sets");
    assertThat(git(remote, "show", "main:vars/local.yml")).contains("version: \"16.4\"");
    assertThat(git(remote, "show", "main:NOTES.md")).isEqualTo("a change made elsewhere");
    assertThat(git(remote, "rev-list", "--merges", "main")).as("no merge commits").isEmpty();
  }

  @Test
  void aRolloutFromAStaleCheckoutStartsFromTheRemoteHeadAndKeepsWhatWasPushedBefore()
      throws Exception {
    // pushed after this workspace was checked out: a stale checkout would roll it back
    Files.writeString(
        other.resolve("vars/local.yml"),
        Files.readString(other.resolve("vars/local.yml")) + "# tuned by hand on the remote\n");
    git(other, "commit", "--quiet", "-am", "elsewhere: a comment in local.yml");
    git(other, "push", "--quiet", "origin", "main");

    FakeToolsLocal.Run rollout = rollout("postgresql", "16.4");

    assertThat(rollout.all()).contains("pushed to origin/main");
    String file = git(remote, "show", "main:vars/local.yml");
    assertThat(file).contains("version: \"16.4\"").contains("# tuned by hand on the remote");
    assertThat(git(remote, "log", "--format=%s", "main").lines().toList())
        .containsExactly(
            "rollout: postgresql 16.2 -> 16.4 in local",
            "elsewhere: a comment in local.yml",
            "the variable sets");
  }

  @Test
  void aPushThatFailsHaltsBeforeTheDeployAndTheEnvironmentIsNotDone() throws Exception {
    Path hook = remote.resolve("hooks/pre-receive");
    Files.writeString(hook, "#!/bin/sh\necho 'main is protected' >&2\nexit 1\n");
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));

    FakeToolsLocal.Run rollout = rollout("postgresql", "16.4");

    assertThat(rollout.exit()).as(rollout.all()).isEqualTo(1);
    assertThat(rollout.err())
        .contains("the rollout of postgresql 16.4 stopped at local")
        .contains("git push to origin/main failed")
        .contains("main is protected");
    assertThat(local.tools.sequence())
        .as("nothing deployed unpublished")
        .doesNotContain("site.yml");
    var state =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(local.home.work().resolve("rollouts/postgresql.json").toFile());
    assertThat(state.path("done")).as("local is not done: --resume rolls it again").isEmpty();
    assertThat(state.path("stopped_at").asText()).isEqualTo("local");
  }

  @Test
  void aCheckoutWithCommitsOfItsOwnIsRefusedBeforeAnythingChanges() throws Exception {
    Path root = local.home.root();
    Files.writeString(root.resolve("README.md"), "not a variable set\n");
    git(root, "add", "README.md");
    git(root, "commit", "--quiet", "-m", "local: a readme");

    FakeToolsLocal.Run rollout = rollout("postgresql", "16.4");

    assertThat(rollout.exit()).isEqualTo(1);
    assertThat(rollout.err()).contains("has 1 commit(s) that origin/main does not");
    assertThat(git(remote, "log", "--format=%s", "main")).isEqualTo("the variable sets");
    assertThat(Files.readString(root.resolve("vars/local.yml"))).doesNotContain("16.4");
  }

  @Test
  void twoRolloutsOfDifferentServicesFromOneStaleCheckoutKeepBothVersions() throws Exception {
    Path stale = local.home.root();
    String before = git(stale, "rev-parse", "HEAD");
    // this machine's memcached is 1.6.19: what the local nodes can run
    local.tools.memcachedVersion = "1.6.19";
    FakeToolsLocal.Run first = rollout("postgresql", "16.4");
    assertThat(first.exit()).as(first.all()).isNotEqualTo(1);
    // the next job's checkout scm: the revision the build started from, before the first push
    git(stale, "checkout", "--quiet", "--detach", before);
    FakeToolsLocal.Run second = rollout("memcached", "1.6.19");
    assertThat(second.all()).contains("pushed to origin/main");
    String file = git(remote, "show", "main:vars/local.yml");
    assertThat(file).as("the first rollout's version survives the second").contains("16.4");
    assertThat(git(remote, "log", "--format=%s", "main").lines().toList())
        .containsExactly(
            "rollout: memcached 1.6.18 -> 1.6.19 in local",
            "rollout: postgresql 16.2 -> 16.4 in local",
            "the variable sets");
  }
}
