package dev.parity.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Everything one command would change in one environment, as one document with one SHA-256: what a
 * person approves for a protected environment, and what the gate compares an approval with.
 *
 * <p>The SHA-256 covers what would change and what it was computed from (the variable set's and the
 * module's fingerprints); the commit is shown beside it, not hashed, so that a commit which changes
 * nothing the environment is made from (a README, a rollout's commit of another environment) keeps
 * an approval valid, while any edit of the environment's variables does not.
 *
 * @param environment the environment
 * @param kind {@code deploy} (plan, configuration, versions) or {@code destroy} (down)
 * @param isProtected whether the environment is protected (as declared, or as recorded when it was
 *     deployed)
 * @param infrastructure the plan summary with every address and action, or null when not planned
 * @param configuration what a check-mode run would change, host by host and task by task
 * @param versions the version each node runs and the one it would run
 * @param data data directories that would be deleted
 * @param notes what the change set could not compute and why (shown, and hashed)
 * @param varsSha256 the fingerprint of the environment's variable set
 * @param moduleSha256 the fingerprint of the Terraform module
 * @param commit the commit of the variables' git checkout ({@code +dirty} when it has changes), or
 *     null outside one
 */
public record ChangeSet(
    String environment,
    String kind,
    boolean isProtected,
    JsonNode infrastructure,
    List<ConfigChange> configuration,
    List<VersionChange> versions,
    List<DataDeletion> data,
    List<String> notes,
    String varsSha256,
    String moduleSha256,
    String commit)
    implements Approvable {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  public ChangeSet {
    configuration = List.copyOf(configuration);
    versions = List.copyOf(versions);
    data = List.copyOf(data);
    notes = List.copyOf(notes);
  }

  /** A task a check-mode run says would change a host ({@code prod-db-0: postgresql: ...}). */
  public record ConfigChange(String host, String role, String task) {}

  /** A service on a node that runs one version and would run another. */
  public record VersionChange(String node, String service, String from, String to) {}

  /** A data directory on a node that would be deleted. */
  public record DataDeletion(String node, String path) {}

  @Override
  public String subject() {
    return environment;
  }

  /** True when nothing would change: no resource, task, version or data. */
  @Override
  public boolean isEmpty() {
    return !infrastructureChanges()
        && configuration.isEmpty()
        && versions.isEmpty()
        && data.isEmpty()
        && notes.isEmpty();
  }

  private boolean infrastructureChanges() {
    return infrastructure != null && infrastructure.path("has_changes").asBoolean(false);
  }

  /** The hashed part: every field but the commit, keys in a fixed order. */
  public ObjectNode hashed() {
    ObjectNode n = JSON.createObjectNode();
    n.put("environment", environment);
    n.put("kind", kind);
    n.put("protected", isProtected);
    n.set("infrastructure", infrastructure == null ? JSON.nullNode() : infrastructure);
    n.set("configuration", JSON.valueToTree(configuration));
    n.set("versions", JSON.valueToTree(versions));
    n.set("data", JSON.valueToTree(data));
    n.set("notes", JSON.valueToTree(notes));
    n.put("vars_sha256", varsSha256);
    n.put("module_sha256", moduleSha256);
    return n;
  }

  /** The SHA-256 that names this change set: what {@code --approved} takes. */
  @Override
  public String sha256() {
    try {
      // A tree's canonical form: keys sorted at every level, no whitespace.
      Object canonical = JSON.treeToValue(hashed(), Object.class);
      return sha256Of(canonical);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The SHA-256 of a value's canonical JSON: map keys sorted, no whitespace. */
  static String sha256Of(Object value) {
    try {
      byte[] bytes =
          JSON.copy()
              .disable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(value)
              .getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A change set read back from its {@link #document()}; one whose content no longer has the
   * SHA-256 it was recorded with (edited afterwards) is refused.
   */
  public static ChangeSet fromDocument(JsonNode doc) {
    JsonNode c = doc.path("change_set");
    java.util.function.Function<String, List<JsonNode>> list =
        key -> {
          List<JsonNode> items = new java.util.ArrayList<>();
          c.path(key).forEach(items::add);
          return items;
        };
    ChangeSet set =
        new ChangeSet(
            c.path("environment").asText(),
            c.path("kind").asText(),
            c.path("protected").asBoolean(true),
            c.path("infrastructure").isObject() ? c.path("infrastructure") : null,
            list.apply("configuration").stream()
                .map(
                    n ->
                        new ConfigChange(
                            n.path("host").asText(),
                            n.path("role").asText(),
                            n.path("task").asText()))
                .toList(),
            list.apply("versions").stream()
                .map(
                    n ->
                        new VersionChange(
                            n.path("node").asText(),
                            n.path("service").asText(),
                            n.path("from").asText(),
                            n.path("to").asText()))
                .toList(),
            list.apply("data").stream()
                .map(n -> new DataDeletion(n.path("node").asText(), n.path("path").asText()))
                .toList(),
            list.apply("notes").stream().map(JsonNode::asText).toList(),
            c.path("vars_sha256").asText(),
            c.path("module_sha256").asText(),
            doc.path("commit").isTextual() ? doc.path("commit").asText() : null);
    if (!set.sha256().equals(doc.path("sha256").asText())) {
      throw new dev.parity.error.ParityException(
          "the recorded change set of "
              + set.environment()
              + " does not have the sha256 it was recorded with (edited since?); plan again");
    }
    return set;
  }

  /** The document as recorded and printed with {@code --format json}. */
  public ObjectNode document() {
    ObjectNode n = JSON.createObjectNode();
    n.put("sha256", sha256());
    n.put("commit", commit);
    n.set("change_set", hashed());
    return n;
  }

  /** For people: what would change, line by line, and the SHA-256 that names it. */
  @Override
  public String text() {
    StringBuilder sb = new StringBuilder();
    sb.append("Change set of ")
        .append(environment)
        .append(" (")
        .append(kind)
        .append(isProtected ? ", protected" : "")
        .append(")\n");
    if (infrastructure != null) {
      JsonNode counts = infrastructure.path("counts");
      sb.append("  infrastructure:")
          .append(infrastructureChanges() ? "" : " no changes")
          .append('\n');
      for (String action : List.of("create", "update", "replace", "delete", "forget")) {
        String list = action.equals("update") ? "updates" : action + "s";
        for (JsonNode address : infrastructure.path(list)) {
          sb.append("    ")
              .append(String.format("%-8s", action))
              .append(address.asText())
              .append('\n');
        }
      }
      infrastructure
          .path("outputs")
          .fields()
          .forEachRemaining(
              e -> {
                if (!e.getValue().asText().equals("no-op")) {
                  sb.append("    output  ")
                      .append(e.getKey())
                      .append(": ")
                      .append(e.getValue().asText())
                      .append('\n');
                }
              });
      if (counts.isObject() && infrastructure.path("errored").asBoolean(false)) {
        sb.append("    the plan errored: it cannot be applied\n");
      }
    }
    sb.append("  configuration:").append(configuration.isEmpty() ? " no changes" : "").append('\n');
    configuration.forEach(
        c ->
            sb.append("    ")
                .append(c.host())
                .append(": ")
                .append(c.role().isEmpty() ? "" : c.role() + ": ")
                .append(c.task())
                .append('\n'));
    sb.append("  versions:").append(versions.isEmpty() ? " no changes" : "").append('\n');
    versions.forEach(
        v ->
            sb.append("    ")
                .append(v.node())
                .append(' ')
                .append(v.service())
                .append(' ')
                .append(v.from())
                .append(" -> ")
                .append(v.to())
                .append('\n'));
    if (!data.isEmpty()) {
      sb.append("  data deleted:\n");
      data.forEach(
          d -> sb.append("    ").append(d.node()).append(": ").append(d.path()).append('\n'));
    }
    notes.forEach(n -> sb.append("  note: ").append(n).append('\n'));
    sb.append("  from: variable set ")
        .append(varsSha256, 0, 12)
        .append(", module ")
        .append(moduleSha256, 0, 12)
        .append(commit == null ? "" : ", commit " + commit)
        .append('\n');
    sb.append("Change set sha256: ").append(sha256()).append('\n');
    // Addresses, hosts and task names come from modules and playbooks: shown, never obeyed.
    return dev.parity.text.Untrusted.visibleLines(sb.toString());
  }
}
