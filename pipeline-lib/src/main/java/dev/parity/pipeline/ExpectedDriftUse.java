package dev.parity.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.vars.ExpectedDrift;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * When each expected-drift entry last matched drift, kept in the environment's verdict state. An
 * entry that has matched nothing for 30 days (since it was first seen, or since its last match) is
 * stale: a warning, so that entries for drift that is gone do not pile up and hide the next one.
 */
final class ExpectedDriftUse {
  static final Duration STALE = Duration.ofDays(30);

  private ExpectedDriftUse() {}

  /**
   * Updates the state's record of the entries (dropping those no longer declared); returns
   * warnings.
   */
  static List<String> update(
      ObjectNode state, List<ExpectedDrift> entries, Set<ExpectedDrift> matched, Instant now) {
    JsonNode was = state.path("expected_drift");
    ObjectNode kept = state.objectNode();
    List<String> warnings = new ArrayList<>();
    for (ExpectedDrift e : entries) {
      String key = e.what() + " | " + e.owner();
      JsonNode before = was.path(key);
      String first = before.path("first_seen").asText(now.toString());
      String last = matched.contains(e) ? now.toString() : before.path("last_matched").asText(null);
      ObjectNode use = kept.putObject(key);
      use.put("first_seen", first);
      if (last != null) {
        use.put("last_matched", last);
      }
      Duration idle = Duration.between(Instant.parse(last != null ? last : first), now);
      if (idle.compareTo(STALE) >= 0) {
        warnings.add(
            "warning: expected drift has matched nothing for "
                + idle.toDays()
                + " days: "
                + e.what()
                + " ("
                + e.terms()
                + "); remove it if that drift is gone");
      }
    }
    state.set("expected_drift", kept);
    return warnings;
  }
}
