package dev.parity.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PatchClockTest {
  private static final Instant SINCE = Instant.parse("2026-11-20T10:00:00Z");

  private static PatchClock at(Duration after) {
    return new PatchClock(SINCE, 14, SINCE.plus(after));
  }

  @Test
  void theWindowOpensOnDayZeroWithAllItsDaysLeft() {
    PatchClock c = at(Duration.ZERO);
    assertThat(c.describe()).isEqualTo("since 2026-11-20, 0 of 14 days, closes 2026-12-04");
    assertThat(c.daysLeft()).isEqualTo(14);
    assertThat(c.closed()).isFalse();
  }

  @Test
  void sixDaysInEightAreLeft() {
    PatchClock c = at(Duration.ofDays(6).plusHours(3));
    assertThat(c.describe()).isEqualTo("since 2026-11-20, 6 of 14 days, closes 2026-12-04");
    assertThat(c.daysLeft()).isEqualTo(8);
  }

  @Test
  void aSecondBeforeTheCloseItIsStillOpenWithOneDayLeft() {
    PatchClock c = at(Duration.ofDays(14).minusSeconds(1));
    assertThat(c.closed()).isFalse();
    assertThat(c.daysElapsed()).isEqualTo(13);
    assertThat(c.daysLeft()).isEqualTo(1);
  }

  @Test
  void atTheClosingInstantAndAfterItIsClosed() {
    for (Duration after : new Duration[] {Duration.ofDays(14), Duration.ofDays(30)}) {
      PatchClock c = at(after);
      assertThat(c.closed()).isTrue();
      assertThat(c.daysLeft()).isZero();
      assertThat(c.describe())
          .startsWith("since 2026-11-20, " + c.daysElapsed() + " days")
          .endsWith("the 14-day window closed 2026-12-04");
    }
  }

  @Test
  void aClockBehindTheHistoryCountsNoNegativeDays() {
    PatchClock c = at(Duration.ofHours(-5));
    assertThat(c.daysElapsed()).isZero();
    assertThat(c.daysLeft()).isEqualTo(14);
  }

  @Test
  void statusJsonCarriesTheClocksFields() throws Exception {
    String json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .writeValueAsString(at(Duration.ofDays(6)));
    assertThat(json)
        .contains("\"since\":\"2026-11-20T10:00:00Z\"")
        .contains("\"window_days\":14")
        .contains("\"days_elapsed\":6")
        .contains("\"days_left\":8")
        .contains("\"closes\":\"2026-12-04T10:00:00Z\"")
        .contains("\"closed\":false");
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, PatchClock.class))
        .as("read back from a run record")
        .isEqualTo(at(Duration.ofDays(6)));
  }
}
