package dev.parity.text;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Times parity reads back from files and stores it does not control (run records, the version
 * history): UTC instants between 1970 and now. One from the future would hold a patch window open
 * until then, and one beyond the calendar's range would end in an arithmetic error.
 */
public final class Instants {
  public static final Instant EARLIEST = Instant.EPOCH;

  /** How far ahead of this machine's clock another agent's clock may be. */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private Instants() {}

  /** Why the text is not a time parity can use, or empty when it is one. */
  public static Optional<String> problem(String text, Instant now) {
    Instant at;
    try {
      at = Instant.parse(text);
    } catch (DateTimeException e) {
      return Optional.of("not a UTC time such as 2026-11-20T10:00:00Z");
    }
    return problem(at, now);
  }

  /** Why the instant is not one parity can use, or empty when it is one. */
  public static Optional<String> problem(Instant at, Instant now) {
    if (at.isBefore(EARLIEST)) {
      return Optional.of(at + " is before 1970");
    }
    if (at.isAfter(now.plus(CLOCK_SKEW))) {
      return Optional.of(at + " is in the future (this machine's clock says " + now + ")");
    }
    return Optional.empty();
  }
}
