package dev.parity.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.contract.JsonContract;
import dev.parity.error.ParityException;
import dev.parity.text.Untrusted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The contract of a root module's {@code inventory} output ({@code
 * schema/inventory-v1.schema.json}, shipped in the jar, plus what a schema cannot say: node names
 * unique, the environment the one applied). Checked after every apply, so a module that outputs
 * something parity does not understand is refused with every problem named by its key, before
 * Ansible or a probe acts on it; and checked again whenever a recorded inventory is read back
 * ({@link #readRecorded}), so a file edited since is refused too.
 */
public final class InventoryContract {
  public static final String RESOURCE = "/schema/inventory-v1.schema.json";
  private static final JsonContract SCHEMA = JsonContract.load(RESOURCE);
  private static final ObjectMapper JSON = new ObjectMapper();

  private InventoryContract() {}

  /** Every problem as "KEY: message", in document order; empty when the inventory is valid. */
  public static List<String> problems(JsonNode inventory) {
    return SCHEMA.problems(inventory).stream()
        .map(p -> p.startsWith("(the document)") ? "(the output)" + p.substring(14) : p)
        .toList();
  }

  /** The schema's problems and the contract's own: unique names, the expected environment. */
  public static List<String> problems(JsonNode inventory, String environment) {
    List<String> problems = new java.util.ArrayList<>(problems(inventory));
    if (inventory.path("environment").isTextual()
        && !inventory.path("environment").asText().equals(environment)) {
      problems.add(
          "environment: is '"
              + Untrusted.visible(inventory.path("environment").asText())
              + "', but this is the inventory of "
              + environment);
    }
    java.util.Set<String> names = new java.util.HashSet<>();
    int i = 0;
    for (JsonNode node : inventory.path("nodes")) {
      String name = node.path("name").asText();
      for (String key : List.of("address", "ssh/host")) {
        JsonNode host = node.at("/" + key);
        java.util.Optional<String> why =
            host.isTextual()
                ? dev.parity.text.Hosts.notHost(host.asText())
                : java.util.Optional.empty();
        if (why.isPresent()) {
          problems.add("nodes[" + i + "]." + key.replace('/', '.') + ": " + why.get());
        }
      }
      if (node.path("name").isTextual() && !names.add(name)) {
        problems.add(
            "nodes["
                + i
                + "].name: '"
                + Untrusted.visible(name)
                + "' names two nodes; each is one host");
      }
      i++;
    }
    return problems;
  }

  /**
   * Throws naming the source and every problem unless the inventory meets the contract for this
   * environment.
   */
  public static void check(JsonNode inventory, String source, String environment) {
    List<String> problems = problems(inventory, environment);
    if (!problems.isEmpty()) {
      throw JsonContract.refusal(
          source
              + ": the inventory output does not meet parity's contract"
              + " (schema/inventory-v1.schema.json; README, your own module)",
          problems,
          50);
    }
  }

  /**
   * The inventory the last apply recorded for an environment, read and checked again (the file may
   * have been edited since); empty when there is none. A file that is not JSON or breaks the
   * contract is an error naming it.
   */
  public static java.util.Optional<JsonNode> readRecorded(Path file, String environment) {
    if (!Files.isRegularFile(file)) {
      return java.util.Optional.empty();
    }
    JsonNode inventory;
    try {
      inventory = JSON.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ParityException(
          file
              + ": the recorded inventory is not JSON ("
              + JsonContract.at(e)
              + "); run `parity apply --env "
              + environment
              + "` to write it again");
    } catch (IOException e) {
      throw new ParityException(file + ": cannot read the recorded inventory: " + e.getMessage());
    }
    if (inventory == null) {
      throw new ParityException(file + ": the recorded inventory is empty");
    }
    check(
        inventory,
        file
            + " (the inventory the last apply recorded, edited since? remove it, then plan and apply"
            + " again to record it)",
        environment);
    return java.util.Optional.of(inventory);
  }
}
