package dev.parity.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.vars.ExpectedDrift;
import dev.parity.vars.Position;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An expected-drift entry that matches nothing for 30 days is a stale warning. */
class ExpectedDriftUseTest {
  private static final ExpectedDrift ENTRY =
      new ExpectedDrift(
          ExpectedDrift.Kind.TERRAFORM,
          "aws_db_instance.main.engine_version",
          null,
          null,
          null,
          "minor upgrades",
          "dba-team",
          LocalDate.of(2099, 1, 1),
          new Position(Path.of("vars/common.yml"), 40, 7));
  private static final Instant DAY_0 = Instant.parse("2026-11-01T02:00:00Z");

  private static List<String> night(ObjectNode state, int day, boolean matched) {
    return ExpectedDriftUse.update(
        state,
        List.of(ENTRY),
        matched ? Set.of(ENTRY) : Set.of(),
        DAY_0.plus(Duration.ofDays(day)));
  }

  @Test
  void anEntryThatNeverMatchesIsStaleThirtyDaysAfterItWasFirstSeen() {
    ObjectNode state = JsonNodeFactory.instance.objectNode();
    for (int day = 0; day < 30; day++) {
      assertThat(night(state, day, false)).as("day " + day).isEmpty();
    }
    assertThat(night(state, 30, false))
        .singleElement()
        .asString()
        .startsWith(
            "warning: expected drift has matched nothing for 30 days: terraform aws_db_instance.main.engine_version")
        .contains("owner dba-team");
  }

  @Test
  void aMatchRestartsTheThirtyDaysAndARemovedEntryIsForgotten() {
    ObjectNode state = JsonNodeFactory.instance.objectNode();
    night(state, 0, false);
    night(state, 20, true);
    assertThat(night(state, 45, false)).isEmpty();
    assertThat(night(state, 50, false)).hasSize(1);
    ExpectedDriftUse.update(state, List.of(), Set.of(), DAY_0.plus(Duration.ofDays(51)));
    assertThat(state.path("expected_drift").size()).isZero();
  }
}
