package dev.parity.check;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One difference between environments.
 *
 * @param severity error, warning or info
 * @param rule the rule that found it ("version-mismatch", "patch-lag", ...)
 * @param path the key path ("services.postgresql.version")
 * @param environments the value in each environment concerned ("(absent)" where it has none)
 * @param message what differs, in one sentence
 * @param clock for a trailing patch measured against patch_window_days: the window; else null
 */
public record Finding(
    Severity severity,
    String rule,
    String path,
    SortedMap<String, String> environments,
    String message,
    PatchClock clock) {

  public Finding {
    environments = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(environments));
  }

  public Finding(
      Severity severity,
      String rule,
      String path,
      SortedMap<String, String> environments,
      String message) {
    this(severity, rule, path, environments, message, null);
  }

  static Finding of(
      Severity severity,
      String rule,
      String path,
      Map<String, String> environments,
      String message) {
    return new Finding(severity, rule, path, new TreeMap<>(environments), message);
  }

  static Finding withClock(
      Severity severity,
      String rule,
      String path,
      Map<String, String> environments,
      String message,
      PatchClock clock) {
    return new Finding(severity, rule, path, new TreeMap<>(environments), message, clock);
  }
}
