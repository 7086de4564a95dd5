package dev.parity.assertion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.probe.ReplicationState;
import dev.parity.probe.ReplicationState.Sender;
import dev.parity.vars.Position;
import dev.parity.vars.ServiceSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicationAssertionsTest {
  private static final ServiceSpec PG =
      new ServiceSpec(
          "postgresql",
          "16.2",
          "db",
          5432,
          Map.of(),
          null,
          null,
          new Position(Path.of("vars/common.yml"), 1, 1),
          new ServiceSpec.Replication("streaming", 1000, "replication_password", null));

  private static ReplicationState primary(String node, Sender... senders) {
    return new ReplicationState(node, null, false, null, List.of(senders));
  }

  private static ReplicationState standby(String node, String receiving) {
    return new ReplicationState(node, null, true, receiving, List.of());
  }

  @Test
  void onePrimaryWithItsStandbyStreamingWithinTheLimitPasses() {
    List<AssertionResult> r =
        ReplicationAssertions.of(
            "prod",
            PG,
            List.of(
                primary("prod-db-0", new Sender("prod-db-1", "streaming", 200L)),
                standby("prod-db-1", "streaming")));
    assertThat(r).allMatch(AssertionResult::passed);
    assertThat(r.stream().map(AssertionResult::observed))
        .containsExactly(
            "prod-db-0", "primary, 1 standby(s) streaming", "standby, streaming, 200 B behind");
  }

  @Test
  void twoPrimariesFailTheRoleNamingBoth() {
    List<AssertionResult> r =
        ReplicationAssertions.of("prod", PG, List.of(primary("prod-db-0"), primary("prod-db-1")));
    assertThat(r.get(0).passed()).isFalse();
    assertThat(r.get(0).message())
        .contains("2 nodes are postgresql primaries (prod-db-0, prod-db-1)");
  }

  @Test
  void noPrimaryFailsTheRole() {
    List<AssertionResult> r =
        ReplicationAssertions.of(
            "prod", PG, List.of(standby("prod-db-0", null), standby("prod-db-1", null)));
    assertThat(r.get(0).passed()).isFalse();
    assertThat(r.get(0).message()).contains("no node is the postgresql primary");
  }

  @Test
  void aStandbyThatDoesNotStreamFails() {
    List<AssertionResult> r =
        ReplicationAssertions.of(
            "prod", PG, List.of(primary("prod-db-0"), standby("prod-db-1", null)));
    assertThat(r.get(2).passed()).isFalse();
    assertThat(r.get(2).message())
        .isEqualTo(
            "prod-db-1 postgresql is a standby that does not stream from prod-db-0: no WAL"
                + " receiver runs");
  }

  @Test
  void aStandbyBeyondTheLagLimitFails() {
    List<AssertionResult> r =
        ReplicationAssertions.of(
            "prod",
            PG,
            List.of(
                primary("prod-db-0", new Sender("prod-db-1", "streaming", 1001L)),
                standby("prod-db-1", "streaming")));
    assertThat(r.get(2).passed()).isFalse();
    assertThat(r.get(2).message()).contains("1001 bytes behind").contains("max_lag_bytes is 1000");
  }

  @Test
  void aNodeWhoseReplicationCannotBeReadFails() {
    List<AssertionResult> r =
        ReplicationAssertions.of(
            "prod",
            PG,
            List.of(
                primary("prod-db-0", new Sender("prod-db-1", "streaming", 0L)),
                ReplicationState.unreachable("prod-db-1", "connection refused")));
    assertThat(r.get(0).passed()).as("one primary answered").isTrue();
    assertThat(r.get(2).passed()).isFalse();
    assertThat(r.get(2).message()).contains("connection refused");
  }
}
