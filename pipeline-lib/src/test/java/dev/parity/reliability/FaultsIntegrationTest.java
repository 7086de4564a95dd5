package dev.parity.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.support.LocalStack;
import dev.parity.support.ParityCli;
import dev.parity.support.ParityCli.Run;
import dev.parity.support.ParityHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Faults and concurrency: each ends in a clear failure (never a reported success), and the next run recovers. */
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
    stack.downAll("local", "dev", "qa");
    assertThat(stack.processes()).isEmpty();
    home.close();
  }

  @Test
  void ansiblePlaybookKilledMidRunFailsTheRunAndTheNextRunRecovers() throws Exception {
    stack.provision("dev");
    Run killed;
    try (ParityCli.Running configure = ParityCli.start(env, "configure", "--env", "dev")) {
      ProcessHandle playbook = awaitDescendant(configure, "ansible-playbook");
      Thread.sleep(3000); // inside the plays
      playbook.descendants().forEach(ProcessHandle::destroyForcibly);
      playbook.destroyForcibly();
      killed = configure.await(Duration.ofMinutes(2));
    }
    assertThat(killed.exit()).as(killed.out()).isEqualTo(1);
    assertThat(killed.out()).contains("ansible-playbook").contains("was killed (signal 9")
        .doesNotContain("\tat ");
    Run again = stack.configure("dev");
    assertThat(again.exit()).as(again.all()).isZero();
    assertThat(stack.parity("assert", "--env", "dev").exit()).isZero();
  }

  @Test
  void twoReconcileAllAtOnceNeverCorruptAndTheLoserNamesTheHolder() throws Exception {
    Files.delete(home.vars().resolve("qa.yml"));
    Files.delete(home.vars().resolve("staging.yml"));
    Files.delete(home.vars().resolve("prod.yml"));
    home.write("vars/common.yml", Files.readString(home.vars().resolve("common.yml"))
        .replace("prod_like: [qa, staging, prod]", "prod_like: []"));
    // Applies take seconds, so the first run holds each environment while the second one starts.
    home.write("terraform/slow.tf", ParityHome.SLOW_RESOURCE);
    Run second;
    Run firstRun;
    try (ParityCli.Running first = ParityCli.start(env, "reconcile", "--all", "--restore", "--parallel", "2")) {
      first.awaitOutput("Creating...");
      second = ParityCli.start(env, "reconcile", "--all", "--parallel", "2").await(Duration.ofMinutes(3));
      firstRun = first.await(Duration.ofMinutes(5));
    }
    assertThat(firstRun.exit()).as(firstRun.out()).isZero();
    assertThat(firstRun.out()).contains("-> repaired");
    assertThat(second.exit()).as(second.out()).isEqualTo(1);
    assertThat(second.out()).contains("is locked by another parity run: parity apply (pid ");
    Run after = stack.parity("reconcile", "--all");
    assertThat(after.exit()).as("nothing corrupted, nothing left to repair: " + after.all()).isZero();
  }

  @Test
  void aWorkDirThatCannotBeWrittenIsAClearErrorAndNothingIsReportedDone() throws Exception {
    Path notADirectory = home.root().resolve("work-is-a-file");
    Files.writeString(notADirectory, "");
    Run r = stack.parity("plan", "--env", "dev", "--work-dir", notADirectory.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("parity: ").contains(notADirectory.toString()).doesNotContain("\tat ");
    assertThat(r.out()).doesNotContain("Apply exactly this plan");
  }

  static ProcessHandle awaitDescendant(ParityCli.Running running, String part) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      var match = running.process().descendants()
          .filter(p -> p.info().commandLine().orElse("").contains(part)).findFirst();
      if (match.isPresent()) {
        return match.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + part + " ran: " + running.outputSoFar());
  }
}
