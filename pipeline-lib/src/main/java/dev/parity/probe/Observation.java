package dev.parity.probe;

import java.time.Duration;

/**
 * What a probe saw: whether the service answered, the version it reported (null when it reports
 * none, as a bare TCP port does), why not, and how long it took.
 */
public record Observation(boolean reachable, String version, String error, Duration took) {

  public static Observation version(String version, Duration took) {
    return new Observation(true, version, null, took);
  }

  public static Observation reachableWithoutVersion(Duration took) {
    return new Observation(true, null, null, took);
  }

  public static Observation unreachable(String error, Duration took) {
    return new Observation(false, null, error, took);
  }
}
