package dev.parity.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GateTest {
  private final AtomicInteger computed = new AtomicInteger();

  private ChangeSet compute() {
    computed.incrementAndGet();
    return ChangeSetTest.patchOfProd(null);
  }

  @Test
  void anUnprotectedEnvironmentProceedsWithoutComputingAChangeSet() {
    assertThat(Gate.pass("deploy", false, Approval.NONE, this::compute)).isEmpty();
    assertThat(computed).hasValue(0);
  }

  @Test
  void autoApproveProceedsInAProtectedEnvironment() {
    assertThat(Gate.pass("deploy", true, Approval.ANY, this::compute)).isEmpty();
  }

  @Test
  void aProtectedEnvironmentWithoutApprovalIsRefusedShowingTheChangeSetAndItsSha() {
    String sha = ChangeSetTest.patchOfProd(null).sha256();
    assertThatThrownBy(() -> Gate.pass("deploy --env prod", true, Approval.NONE, this::compute))
        .isInstanceOf(Gate.Refused.class)
        .hasMessageContaining("prod is protected and `parity deploy --env prod` would change it")
        .hasMessageContaining("nothing was changed")
        .hasMessageContaining("prod-db-0 postgresql 16.2 -> 16.4")
        .hasMessageContaining("--approved " + sha)
        .satisfies(e -> assertThat(((Gate.Refused) e).exitCode()).isEqualTo(1));
  }

  @Test
  void theApprovedShaProceedsAndAnyOtherIsRefused() {
    String sha = ChangeSetTest.patchOfProd(null).sha256();
    assertThat(Gate.pass("deploy", true, Approval.of(sha), this::compute)).isPresent();
    assertThatThrownBy(() -> Gate.pass("deploy", true, Approval.of("0".repeat(64)), this::compute))
        .isInstanceOf(Gate.Refused.class)
        .hasMessageContaining("is not the one approved (approved " + "0".repeat(64))
        .hasMessageContaining("computed now " + sha);
  }

  @Test
  void aProtectedEnvironmentWithNothingToChangeNeedsNoApproval() {
    ChangeSet none =
        new ChangeSet(
            "prod",
            "deploy",
            true,
            ChangeSetTest.plan(false),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            "a".repeat(64),
            "b".repeat(64),
            null);
    assertThat(Gate.pass("deploy", true, Approval.NONE, () -> none)).contains(none);
  }

  @Test
  void aRolloutIsApprovedAsOneChangeSetOverItsProtectedEnvironments() {
    ChangeSet prod = ChangeSetTest.patchOfProd(null);
    RolloutChangeSet rollout =
        new RolloutChangeSet(
            "postgresql",
            "16.4",
            List.of(
                new RolloutChangeSet.Step("dev", "16.2", false, null),
                new RolloutChangeSet.Step("prod", "16.2", true, prod)));
    assertThat(rollout.text())
        .contains("dev: postgresql 16.2 -> 16.4")
        .contains("prod: postgresql 16.2 -> 16.4 (protected")
        .contains("prod-db-0 postgresql 16.2 -> 16.4")
        .contains("Rollout change set sha256: " + rollout.sha256());
    assertThatThrownBy(() -> Gate.pass("rollout", true, Approval.of(prod.sha256()), () -> rollout))
        .as("one environment's sha does not approve the whole rollout")
        .isInstanceOf(Gate.Refused.class);
    assertThat(Gate.pass("rollout", true, Approval.of(rollout.sha256()), () -> rollout))
        .isPresent();
  }
}
