package dev.parity.terraform;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a plan would do, counted from its {@code show -json} document. Holds addresses and counts
 * only: never an attribute value, so it is safe to print and store whatever the plan contains.
 *
 * @param counts resource changes per action: create, update, delete, replace, read, no-op, forget,
 *     open (an ephemeral resource, never a change)
 * @param byType resource type to action to count
 * @param creates addresses of resources the plan creates
 * @param updates addresses of resources the plan updates in place
 * @param forgets addresses of resources the plan removes from the state only
 * @param deletes addresses of resources the plan deletes
 * @param replaces addresses of resources the plan replaces (delete-then-create or
 *     create-then-delete)
 * @param outputs output name to its action
 * @param drift addresses of resources that changed outside the engine, with their actions
 * @param errored true when the plan document says the plan errored
 */
public record PlanSummary(
    SortedMap<String, Integer> counts,
    SortedMap<String, SortedMap<String, Integer>> byType,
    List<String> creates,
    List<String> updates,
    List<String> forgets,
    List<String> deletes,
    List<String> replaces,
    SortedMap<String, String> outputs,
    SortedMap<String, String> drift,
    boolean errored) {

  public static final List<String> ACTIONS =
      List.of("create", "update", "replace", "delete", "read", "no-op", "forget", "open");

  public PlanSummary {
    creates = List.copyOf(creates);
    updates = List.copyOf(updates);
    forgets = List.copyOf(forgets);
    deletes = List.copyOf(deletes);
    replaces = List.copyOf(replaces);
  }

  public int count(String action) {
    return counts.getOrDefault(action, 0);
  }

  /** True when applying would change resources or outputs. */
  public boolean hasChanges() {
    return count("create") + count("update") + count("replace") + count("delete") + count("forget")
            > 0
        || outputs.values().stream().anyMatch(a -> !a.equals("no-op"));
  }

  /** True when anything would be destroyed: a delete or a replace. */
  public boolean destroys() {
    return !deletes.isEmpty() || !replaces.isEmpty();
  }

  /** Counts as a map for JSON: every action, zero included. */
  public Map<String, Integer> allCounts() {
    java.util.LinkedHashMap<String, Integer> all = new java.util.LinkedHashMap<>();
    ACTIONS.forEach(a -> all.put(a, count(a)));
    return all;
  }
}
