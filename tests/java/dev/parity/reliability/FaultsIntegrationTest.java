package dev.parity.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.support.LocalStack;
import dev.parity.support.ParityCli;
import dev.parity.support.ParityCli.Run;
import dev.parity.support.ParityHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Faults and concurrency: each ends in a clear failure (never a reported success), and the next run
 * recovers.
 */
@Tag("integration")
class FaultsIntegrationTest {
  private ParityHome home;
  private LocalStack stack;
  private Map<String, String> env;

  @BeforeEach
  void copyRepository() throws Exception {
    home = ParityHome.copyOfRepository();
    env = home.env(Map.of());
    stack = new LocalStack(home, env);
  }

  @AfterEach
  void takeDown() throws Exception {
    stack.downAll();
    assertThat(stack.processes()).isEmpty();
    home.close();
  }

  @Test
  void ansiblePlaybookKilledMidRunFailsTheRunAndTheNextRunRecovers() throws Exception {
    stack.provision("dev");
    Run killed;
    try (ParityCli.Running configure = ParityCli.start(env, "configure", "--env", "dev")) {
      // Killed once the plays are under way (a task of the first role started), not after a guess.
      configure.awaitOutput("TASK [postgresql : Node directory]");
      ProcessHandle playbook = configure.awaitDescendant("ansible-playbook");
      playbook.descendants().forEach(ProcessHandle::destroyForcibly);
      playbook.destroyForcibly();
      killed = configure.await(Duration.ofMinutes(2));
    }
    assertThat(killed.exit()).as(killed.out()).isEqualTo(1);
    assertThat(killed.out()).as("killed mid-run, before the recap").doesNotContain("PLAY RECAP");
    assertThat(killed.out())
        .contains("ansible-playbook")
        .contains("was killed (signal 9")
        .doesNotContain("\tat ");
    Run again = stack.configure("dev");
    assertThat(again.exit()).as(again.all()).isZero();
    assertThat(stack.parity("assert", "--env", "dev").exit()).isZero();
  }

  @Test
  void twoReconcileAllAtOnceNeverCorruptAndTheLoserNamesTheHolder() throws Exception {
    home.removeEnvironments("qa", "staging", "prod");
    // Applies take seconds, so the first run holds each environment while the second one starts.
    home.slowApplies();
    Run second;
    Run firstRun;
    try (ParityCli.Running first =
        ParityCli.start(env, "reconcile", "--all", "--restore", "--parallel", "2")) {
      first.awaitOutput("Creating...");
      second =
          ParityCli.start(env, "reconcile", "--all", "--parallel", "2")
              .await(Duration.ofMinutes(3));
      firstRun = first.await(Duration.ofMinutes(5));
    }
    assertThat(firstRun.exit()).as(firstRun.out()).isZero();
    assertThat(firstRun.out()).contains("-> repaired");
    assertThat(second.exit()).as(second.out()).isEqualTo(1);
    // The first reconcile holds each environment for its whole step (plan, apply, configure).
    assertThat(second.out()).contains("is locked by another parity run: parity reconcile (pid ");
    Run after = stack.parity("reconcile", "--all");
    assertThat(after.exit())
        .as("nothing corrupted, nothing left to repair: " + after.all())
        .isZero();
  }

  /**
   * The upgraded server of qa-db-0 is SIGKILLed the moment it writes its postmaster.pid. Whether
   * that lands before its node's health check (configure fails) or after (the rollout's live
   * assertion finds it down), the rollout must not report success; the rows written before survive
   * and {@code --resume} completes the patch.
   */
  @Test
  void postgresKilledDuringARollingPatchFailsClearlyKeepsTheDataAndTheNextRunRecovers()
      throws Exception {
    stack.provision("qa");
    assertThat(stack.configure("qa").exit()).isZero();
    int[] dbNodes = {0, 1};
    for (int node : dbNodes) {
      stack.sql(
          "qa",
          node,
          "CREATE TABLE orders (id int, item text); "
              + "INSERT INTO orders VALUES (1, 'written before the patch')");
    }
    Path pidFile = stack.node("qa", "db-0").resolve("postgresql/pgdata/postmaster.pid");
    Run failed;
    try (ParityCli.Running rollout =
        ParityCli.start(
            env, "rollout", "--service", "postgresql", "--to", "16.4", "--envs", "qa")) {
      ProcessHandle upgraded =
          awaitPostmaster(pidFile, "/pgsql-16.4/bin/postgres", Duration.ofMinutes(3));
      upgraded.destroyForcibly();
      failed = rollout.await(Duration.ofMinutes(3));
    }
    assertThat(failed.exit()).as(failed.all()).isIn(1, 2);
    assertThat(failed.all())
        .contains("stopped at qa")
        .contains("qa-db-0")
        .contains("--resume")
        .doesNotContain("\tat ");

    Run resumed =
        stack.parity(
            "rollout", "--service", "postgresql", "--to", "16.4", "--envs", "qa", "--resume");
    assertThat(resumed.exit()).as(resumed.all()).isZero();
    for (int node : dbNodes) {
      assertThat(
              stack.sql(
                  "qa",
                  node,
                  "SELECT current_setting('server_version') || ' ' || item FROM orders WHERE id = 1"))
          .isEqualTo("16.4 written before the patch");
    }
  }

  /**
   * The postmaster that the pid file names once it runs the given binary (/proc/PID/exe resolves
   * the symlinks).
   */
  private static ProcessHandle awaitPostmaster(Path pidFile, String binary, Duration timeout) {
    // polled every 5 ms: the fault must land while the new postmaster is starting
    return org.awaitility.Awaitility.await("a " + binary + " postmaster in " + pidFile)
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(5))
        .pollDelay(Duration.ZERO)
        // no pid file yet, being written, or its process already gone
        // (one predicate: a second ignoreExceptionsInstanceOf would replace the first)
        .ignoreExceptionsMatching(
            e -> e instanceof java.io.IOException || e instanceof RuntimeException)
        .until(
            () -> {
              long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
              if (!Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe"))
                  .toString()
                  .endsWith(binary)) {
                return null;
              }
              return ProcessHandle.of(pid).orElse(null);
            },
            java.util.Objects::nonNull);
  }

  /**
   * The work dir on a small tmpfs, filled to the last byte before a deploy that has changes to
   * make: a clear failure, never a reported success; the state, the run records and the rows
   * written before are intact; once space is freed the next deploy completes. Needs root with mount
   * rights (CI has them); skipped, saying so, without.
   */
  @Test
  void aFullWorkDirFailsTheDeployClearlyLosesNothingAndTheNextRunRecovers() throws Exception {
    Path filler = home.work().resolve("filler");
    workDirFault("no space left", work -> fill(filler), work -> Files.delete(filler));
  }

  /** The same with the work dir's filesystem remounted read-only (root can write anywhere else). */
  @Test
  void aReadOnlyWorkDirFailsTheDeployClearlyLosesNothingAndTheNextRunRecovers() throws Exception {
    workDirFault(
        "read-only file system",
        work -> assertThat(run("mount", "-o", "remount,ro", work.toString())).isZero(),
        work -> assertThat(run("mount", "-o", "remount,rw", work.toString())).isZero());
  }

  private interface WorkDirAction {
    void on(Path work) throws Exception;
  }

  /**
   * dev deployed with its work dir on a 48 MiB tmpfs (its nodes outside, as PARITY_NODE_ROOT
   * allows) and a row written; then the fault, and a deploy with a change to make must fail naming
   * the work dir, with nothing lost; once the fault is cleared the next deploy makes the change.
   */
  private void workDirFault(String error, WorkDirAction inflict, WorkDirAction clear)
      throws Exception {
    Path work = home.work();
    Files.createDirectories(work);
    Assumptions.assumeTrue(
        run("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", work.toString()) == 0,
        "mounting a tmpfs needs root with mount rights");
    LocalStack outside =
        new LocalStack(
            home, home.env(Map.of("PARITY_NODE_ROOT", home.root().resolve("nodes").toString())));
    try {
      Run first = outside.parity("deploy", "--env", "dev");
      assertThat(first.exit()).as(first.all()).isZero();
      outside.sql(
          "dev",
          0,
          "CREATE TABLE orders (id int, item text); INSERT INTO orders VALUES (1, 'written before the fault')");
      Path state = work.resolve("dev/terraform/terraform.tfstate");
      String stateBefore = Files.readString(state);
      Map<Path, String> recordsBefore = contents(work.resolve("runs"));

      home.write(
          "vars/dev.yml",
          Files.readString(home.vars().resolve("dev.yml"))
              .replace("topology: { db: 1, cache: 2 }", "topology: { db: 1, cache: 3 }"));
      inflict.on(work);
      Run failed = outside.parity("deploy", "--env", "dev");
      assertThat(failed.exit()).as(failed.all()).isEqualTo(1);
      assertThat(failed.all())
          .containsIgnoringCase(error)
          .contains(work.toString())
          .doesNotContain("\tat ")
          .doesNotContain("deployed,");
      assertThat(Files.readString(state)).as("the state is untouched").isEqualTo(stateBefore);
      assertThat(contents(work.resolve("runs")))
          .as("run records written before")
          .containsAllEntriesOf(recordsBefore);

      clear.on(work);
      Run recovered = outside.parity("deploy", "--env", "dev");
      assertThat(recovered.exit()).as(recovered.all()).isZero();
      assertThat(recovered.out()).contains("1 to add");
      assertThat(outside.sql("dev", 0, "SELECT item FROM orders WHERE id = 1"))
          .isEqualTo("written before the fault");
    } finally {
      outside.parity("down", "--env", "dev");
      run("umount", "-l", work.toString());
    }
  }

  private static int run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }

  /** Writes zeros until the filesystem refuses one more byte. */
  private static void fill(Path file) throws java.io.IOException {
    byte[] block = new byte[64 * 1024];
    try (var out = Files.newOutputStream(file)) {
      for (int size = block.length; size > 0; ) {
        try {
          out.write(block, 0, size);
          out.flush();
        } catch (java.io.IOException full) {
          size /= 2;
        }
      }
    }
  }

  private static Map<Path, String> contents(Path dir) throws java.io.IOException {
    Map<Path, String> all = new java.util.TreeMap<>();
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        all.put(f, Files.readString(f));
      }
    }
    return all;
  }

  @Test
  void aWorkDirThatCannotBeWrittenIsAClearErrorAndNothingIsReportedDone() throws Exception {
    Path notADirectory = home.root().resolve("work-is-a-file");
    Files.writeString(notADirectory, "");
    Run r = stack.parity("plan", "--env", "dev", "--work-dir", notADirectory.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("parity: ")
        .contains(notADirectory.toString())
        .doesNotContain("\tat ");
    assertThat(r.out()).doesNotContain("Apply exactly this plan");
  }
}
