package dev.parity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What deploy, reconcile and rollout run, in which order, and where they stop, decided in
 * milliseconds over fake tools ({@link FakeToolsLocal}): a failed step runs nothing after it, and
 * no failure is reported beside "in parity". PipelinesEndToEndTest runs the same with the real
 * tools.
 */
class PipelineDecisionsTest {
  private FakeToolsLocal local;

  @BeforeEach
  void unprotectedLocal() throws Exception {
    local = new FakeToolsLocal(false);
  }

  @AfterEach
  void remove() throws Exception {
    local.close();
  }

  @Test
  void aDeployPlansAppliesReadsTheInventoryConfiguresThenAssertsInThatOrder() {
    local.tools.planChanges = true;
    FakeToolsLocal.Run deploy = local.parity("deploy", "--env", "local");
    assertThat(local.tools.sequence())
        .containsSubsequence("tofu plan", "tofu show", "tofu apply", "tofu output", "site.yml");
    // The fake nodes are listening sockets: they answer, but tell no version, which the live
    // assertion (the last stage) refuses to call parity.
    assertThat(deploy.exit()).as(deploy.all()).isEqualTo(2);
    assertThat(deploy.all())
        .containsSubsequence("== local: apply", "== local: configure", "== local: assert")
        .contains("stopped at stage assert (exit 2)")
        .contains("local-db-0 postgresql answers but reports no version")
        .doesNotContain("in parity");
  }

  @Test
  void aDeployWhosePlanFailsAppliesAndConfiguresNothing() {
    local.tools.failingTofu.add("plan");
    FakeToolsLocal.Run deploy = local.parity("deploy", "--env", "local");
    assertThat(deploy.exit()).as(deploy.all()).isNotZero();
    assertThat(deploy.all()).contains("the fake engine fails plan").doesNotContain("in parity");
    assertThat(local.tools.changes()).isEmpty();
  }

  @Test
  void aDeployWhoseApplyFailsConfiguresNothing() {
    local.tools.planChanges = true;
    local.tools.failingTofu.add("apply");
    FakeToolsLocal.Run deploy = local.parity("deploy", "--env", "local");
    assertThat(deploy.exit()).as(deploy.all()).isNotZero();
    assertThat(deploy.all()).contains("the fake engine fails apply").doesNotContain("in parity");
    assertThat(local.tools.sequence()).doesNotContain("site.yml");
  }

  @Test
  void aDeployWhoseConfigurationFailsIsNeverInParity() {
    local.tools.playbookExit = 2;
    FakeToolsLocal.Run deploy = local.parity("deploy", "--env", "local");
    assertThat(deploy.exit()).as(deploy.all()).isNotZero();
    assertThat(deploy.all()).doesNotContain("in parity");
    assertThat(local.tools.sequence()).contains("site.yml");
  }

  @Test
  void aReconcileWithoutRestoreReportsDriftAndChangesNothing() {
    local.tools.planChanges = true;
    FakeToolsLocal.Run reconcile = local.parity("reconcile", "--env", "local");
    assertThat(reconcile.exit()).as(reconcile.all()).isEqualTo(2);
    assertThat(reconcile.all()).contains("local: drift found").contains("1 to update");
    assertThat(local.tools.changes()).isEmpty();
  }

  @Test
  void aReconcileWithRestoreRepairsTheDriftItFound() {
    local.tools.planChanges = true;
    FakeToolsLocal.Run reconcile = local.parity("reconcile", "--env", "local", "--restore");
    assertThat(local.tools.changes()).as(reconcile.all()).contains("tofu apply");
  }

  @Test
  void aRolloutWhoseConfigurationFailsHaltsThereAndResumeFinishesIt() throws Exception {
    String[] rollout = {"rollout", "--service", "postgresql", "--to", "16.4", "--envs", "local"};
    local.tools.playbookExit = 2;
    FakeToolsLocal.Run halted = local.parity(rollout);
    assertThat(halted.exit()).as(halted.all()).isEqualTo(1);
    assertThat(halted.all())
        .contains("the rollout of postgresql 16.4 stopped at local")
        .contains("stopped at stage configure")
        .contains(
            "resume with: parity rollout --service postgresql --to 16.4 --envs local --resume")
        .doesNotContain("== local: assert");
    assertThat(Files.readString(local.home.vars().resolve("local.yml")))
        .contains("version: \"16.4\"");

    local.tools.playbookExit = 0;
    local.tools.calls.clear();
    String[] resume = java.util.Arrays.copyOf(rollout, rollout.length + 1);
    resume[rollout.length] = "--resume";
    FakeToolsLocal.Run resumed = local.parity(resume);
    // Resumed, it configures local again and goes on to the live assertion.
    assertThat(local.tools.sequence()).as(resumed.all()).contains("site.yml");
    assertThat(resumed.all()).contains("== local: assert");
    assertThat(Files.readString(local.home.vars().resolve("local.yml")))
        .contains("version: \"16.4\"");
  }

  @Test
  void aResumeTrustsTheFilesNotAStaleStateThatCallsAnEnvironmentDone() throws Exception {
    Files.createDirectories(local.home.work().resolve("rollouts"));
    Files.writeString(
        local.home.work().resolve("rollouts/postgresql.json"),
        "{\"service\":\"postgresql\",\"to\":\"16.4\",\"environments\":[\"local\"],"
            + "\"done\":[\"local\"],\"stopped_at\":\"\"}");
    assertThat(Files.readString(local.home.vars().resolve("local.yml"))).doesNotContain("16.4");

    FakeToolsLocal.Run resumed =
        local.parity(
            "rollout", "--service", "postgresql", "--to", "16.4", "--envs", "local", "--resume");

    assertThat(resumed.all())
        .contains(
            "the rollout state says local is done, but its file declares postgresql 16.2: it is"
                + " rolled again")
        .doesNotContain("already at postgresql 16.4 (resumed)");
    assertThat(local.tools.sequence()).contains("site.yml");
    assertThat(Files.readString(local.home.vars().resolve("local.yml")))
        .contains("version: \"16.4\"");
  }

  @Test
  void aRolloutRefusesAnEnvironmentFileThatIsALinkAndWritesNothing() throws Exception {
    java.nio.file.Path file = local.home.vars().resolve("local.yml");
    java.nio.file.Path outside = local.home.root().resolve("local-elsewhere.yml");
    Files.move(file, outside);
    Files.createSymbolicLink(file, outside);
    String before = Files.readString(outside);

    FakeToolsLocal.Run rollout =
        local.parity("rollout", "--service", "postgresql", "--to", "16.4", "--envs", "local");

    assertThat(rollout.exit()).as(rollout.all()).isEqualTo(1);
    assertThat(rollout.err()).contains(file + ": a symbolic link").contains("Nothing was written.");
    assertThat(Files.readString(outside)).isEqualTo(before);
    assertThat(local.tools.sequence()).isEmpty();
  }

  @Test
  void aRolloutEditsAnEnvironmentFileNamedYamlAsTheLoaderReadsIt() throws Exception {
    java.nio.file.Path yaml = local.home.vars().resolve("local.yaml");
    Files.move(local.home.vars().resolve("local.yml"), yaml);

    FakeToolsLocal.Run rollout =
        local.parity("rollout", "--service", "postgresql", "--to", "16.4", "--envs", "local");

    assertThat(rollout.all()).doesNotContain("NoSuchFileException").doesNotContain("\tat ");
    assertThat(Files.readString(yaml)).contains("version: \"16.4\"");
    assertThat(local.home.vars().resolve("local.yml")).doesNotExist();
  }
}
