package dev.parity.check;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * How long an environment has trailed a newer patch, against {@code patch_window_days}: the window
 * opens when the newer patch first reached any environment (the version history) and closes that
 * many days later; from the closing instant on, trailing is an error.
 *
 * @param since when the newer patch first reached an environment
 * @param windowDays the window's length
 * @param now the time of the check
 */
@JsonIgnoreProperties(ignoreUnknown = true) // the derived fields are written, not read back
public record PatchClock(
    @JsonSerialize(using = ToStringSerializer.class) Instant since,
    @JsonProperty("window_days") int windowDays,
    @JsonSerialize(using = ToStringSerializer.class) Instant now) {

  /** Read back from a run record (times as ISO-8601 text). */
  @JsonCreator
  static PatchClock fromJson(
      @JsonProperty("since") String since,
      @JsonProperty("window_days") int windowDays,
      @JsonProperty("now") String now) {
    return new PatchClock(Instant.parse(since), windowDays, Instant.parse(now));
  }

  /** When the window closes. */
  @JsonProperty("closes")
  @JsonSerialize(using = ToStringSerializer.class)
  public Instant closes() {
    return since.plus(Duration.ofDays(windowDays));
  }

  /** Whole days since the window opened (0 on its first day). */
  @JsonProperty("days_elapsed")
  public long daysElapsed() {
    return Math.max(0, Duration.between(since, now).toDays());
  }

  /** Whole days until it closes (0 once closed). */
  @JsonProperty("days_left")
  public long daysLeft() {
    return closed() ? 0 : Math.max(0, windowDays - daysElapsed());
  }

  /** True from the closing instant on. */
  @JsonProperty("closed")
  public boolean closed() {
    return !now.isBefore(closes());
  }

  /**
   * "since 2026-11-20, 6 of 14 days, closes 2026-12-04", or once closed "since 2026-11-06, 20 days,
   * the 14-day window closed 2026-11-20" (dates in UTC).
   */
  @JsonIgnore
  public String describe() {
    return closed()
        ? "since "
            + date(since)
            + ", "
            + daysElapsed()
            + " days, the "
            + windowDays
            + "-day window closed "
            + date(closes())
        : "since "
            + date(since)
            + ", "
            + daysElapsed()
            + " of "
            + windowDays
            + " days, closes "
            + date(closes());
  }

  static String date(Instant at) {
    return at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }
}
