package dev.parity.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.store.Store;
import dev.parity.vars.EnvironmentSpec;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Before an apply: the nodes that leave the environment's topology (a role scaled down) have their
 * services stopped and their data removed (down.yml on those nodes alone), so that nothing of them
 * keeps running outside every inventory once their resources are destroyed. The change set lists
 * their data, so a protected environment's approval covers it.
 */
public final class Retire {
  private Retire() {}

  public static void leavingNodes(
      Stack stack, EnvironmentSpec spec, Store.Lease lease, Consumer<String> console) {
    List<JsonNode> leaving = ChangeSets.leaving(spec, stack.workDir().environment(spec.name()));
    if (leaving.isEmpty()) {
      return;
    }
    String hosts =
        leaving.stream().map(n -> n.path("name").asText()).collect(Collectors.joining(","));
    console.accept("   " + hosts + " leave(s) the topology: stopping their services first");
    stack.configuration().down(spec.name(), Optional.of(spec), hosts, lease);
  }
}
