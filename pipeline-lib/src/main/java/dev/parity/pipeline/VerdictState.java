package dev.parity.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.store.Store;
import java.util.List;
import java.util.function.Function;

/**
 * An environment's verdict state in the store (what notifications told, when expected-drift entries
 * last matched): read, changed by what a run found, saved. Called under the environment's lease.
 * Never fails the run: a state that cannot be kept is named in the output instead.
 */
final class VerdictState {
  private VerdictState() {}

  /**
   * @param change updates the state and returns lines for the run's output
   */
  static List<String> update(
      Store store, String environment, Function<ObjectNode, List<String>> change) {
    try {
      ObjectNode state =
          store
              .verdictState(environment)
              .filter(JsonNode::isObject)
              .map(n -> (ObjectNode) n.deepCopy())
              .orElseGet(JsonNodeFactory.instance::objectNode);
      List<String> lines = change.apply(state);
      store.saveVerdictState(environment, state);
      return lines;
    } catch (RuntimeException e) {
      return List.of(
          "notify: the verdict state of "
              + environment
              + " could not be kept ("
              + e.getMessage()
              + "): nothing was told");
    }
  }
}
