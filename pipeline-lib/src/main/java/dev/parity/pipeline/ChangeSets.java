package dev.parity.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.ansible.Inventory;
import dev.parity.assertion.AssertionResult;
import dev.parity.change.ChangeSet;
import dev.parity.change.ChangeSet.ConfigChange;
import dev.parity.change.ChangeSet.DataDeletion;
import dev.parity.change.ChangeSet.VersionChange;
import dev.parity.error.ParityException;
import dev.parity.process.PrivateFiles;
import dev.parity.store.Store;
import dev.parity.terraform.Infrastructure;
import dev.parity.terraform.PlanSummary;
import dev.parity.terraform.PlanSummaryText;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.workdir.Deployed;
import dev.parity.workdir.EnvironmentDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Computes an environment's change set from the real tools: the Terraform plan, a check-mode run of
 * the playbooks, the live versions against the declared ones, and the data a down deletes. Each one
 * computed is written to the environment's plan directory and recorded in the store.
 */
public final class ChangeSets {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Stack stack;

  public ChangeSets(Stack stack) {
    this.stack = stack;
  }

  /**
   * What deploying the environment would change, given the plan just made: the plan's every
   * address, the configuration a check-mode run would change, and each node's version change.
   */
  public ChangeSet deploy(
      EnvironmentSpec spec, Infrastructure.PlanOutcome plan, Store.Lease lease) {
    List<ConfigChange> config = new ArrayList<>();
    List<VersionChange> versions = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    EnvironmentDir dir = stack.workDir().environment(spec.name());
    // Nodes that leave the topology are stopped and their data removed before the apply.
    List<DataDeletion> data = new ArrayList<>();
    for (JsonNode node : leaving(spec, dir)) {
      data.add(
          new DataDeletion(
              node.path("name").asText(),
              node.path("data_dir").asText() + " (the node leaves the topology)"));
    }
    if (!Files.isRegularFile(dir.inventory())) {
      notes.add("nothing deployed yet: every node is configured after the apply");
    } else {
      try {
        stack
            .configuration()
            .configure(spec, true, null, lease)
            .results()
            .changed()
            .forEach(t -> config.add(new ConfigChange(t.host(), t.role(), taskName(t))));
      } catch (ParityException e) {
        // Stable words, not the error's: the SHA-256 must not change with a timing in a message.
        notes.add(
            "configuration not computed: the check-mode run failed on the current nodes (see"
                + " logs/ansible.log); every node is configured after the apply");
      }
      stack
          .assertLive(spec)
          .ifPresent(
              live ->
                  live.results().stream()
                      .filter(r -> r.check().equals("version") && !r.passed())
                      .forEach(
                          r ->
                              versions.add(
                                  new VersionChange(
                                      r.node(),
                                      r.service(),
                                      r.observed() == null
                                          ? AssertionResult.UNREACHABLE
                                          : r.observed(),
                                      r.expected()))));
    }
    return record(
        new ChangeSet(
            spec.name(),
            "deploy",
            spec.isProtected(),
            PlanSummaryText.tree(plan.summary()),
            config,
            versions,
            data,
            notes,
            varsFingerprint(spec),
            stack.infrastructure().moduleFingerprint(spec),
            commit(spec.file().getParent())),
        lease);
  }

  /**
   * What taking the environment down would change: the destroy plan (when it has Terraform inputs
   * recorded), and every node's data directory (a lab host goes whole, with its disk).
   *
   * @param destroyPlan the destroy plan's summary, or null when there is no Terraform state to
   *     destroy
   */
  public ChangeSet destroy(
      String environment,
      Optional<EnvironmentSpec> spec,
      PlanSummary destroyPlan,
      Store.Lease lease) {
    EnvironmentDir dir = stack.workDir().environment(environment);
    List<DataDeletion> data = new ArrayList<>();
    for (JsonNode node : recordedNodes(dir, environment)) {
      data.add(
          new DataDeletion(
              node.path("name").asText(),
              node.path("data_dir").asText() + (node.has("lab") ? " (the lab host, whole)" : "")));
    }
    return record(
        new ChangeSet(
            environment,
            "destroy",
            isProtected(environment, spec),
            destroyPlan == null ? null : PlanSummaryText.tree(destroyPlan),
            List.of(),
            List.of(),
            data,
            List.of(),
            spec.map(ChangeSets::varsFingerprint).orElseGet(() -> fileFingerprint(dir.tfvars())),
            spec.map(s -> stack.infrastructure().moduleFingerprint(s))
                .orElseGet(() -> stack.infrastructure().recordedModuleFingerprint(environment)),
            spec.map(s -> commit(s.file().getParent())).orElse(null)),
        lease);
  }

  /**
   * Protected as declared or as recorded when it was deployed: either one says so, and it is (the
   * record keeps a down gated when the variable set no longer loads or no longer says so).
   */
  public boolean isProtected(String environment, Optional<EnvironmentSpec> spec) {
    return spec.map(EnvironmentSpec::isProtected).orElse(false)
        || Deployed.wasProtected(stack.workDir().environment(environment)).orElse(false);
  }

  /** A task's own name: Ansible prefixes a role's tasks with "role : ", the role is said apart. */
  private static String taskName(dev.parity.ansible.PlayResults.TaskResult t) {
    String prefix = t.role() + " : ";
    return !t.role().isEmpty() && t.task().startsWith(prefix)
        ? t.task().substring(prefix.length())
        : t.task();
  }

  /**
   * The nodes of the recorded inventory that the declared topology no longer has: a role gone, or
   * an index at or past its role's count (db 2 -> 1 drops db-1).
   */
  public static List<JsonNode> leaving(EnvironmentSpec spec, EnvironmentDir dir) {
    List<JsonNode> leaving = new ArrayList<>();
    for (JsonNode node : recordedNodes(dir, spec.name())) {
      Integer count = spec.topology().get(node.path("role").asText());
      if (count == null || node.path("index").asInt() >= count) {
        leaving.add(node);
      }
    }
    return leaving;
  }

  /** The nodes of the recorded inventory. */
  public static List<JsonNode> recordedNodes(EnvironmentDir dir, String environment) {
    return Inventory.recorded(dir, environment);
  }

  private ChangeSet record(ChangeSet set, Store.Lease lease) {
    lease.requireHolds(set.environment());
    EnvironmentDir dir = stack.workDir().environment(set.environment());
    try {
      Files.createDirectories(dir.planDir());
      PrivateFiles.write(
          dir.changeSet(),
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(set.document()) + "\n");
      // For people and for the Jenkins steps that show it (parityPlan, parityApprove).
      PrivateFiles.write(dir.changeSet().resolveSibling("change-set.txt"), set.text());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    stack.store().recordChangeSet(set.environment(), set.sha256(), set.document());
    return set;
  }

  /**
   * The change set {@code parity plan} recorded last, for apply: what that plan was approved as.
   */
  public Optional<JsonNode> recorded(String environment) {
    Path file = stack.workDir().environment(environment).changeSet();
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(file.toFile()));
    } catch (IOException e) {
      throw new ParityException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /**
   * The environment's variable set as loaded (common.yml merged with its file): every leaf with its
   * path, type and text. Any edit that changes what the environment is made from changes it; a
   * comment or a reordering does not.
   */
  public static String varsFingerprint(EnvironmentSpec spec) {
    StringBuilder sb = new StringBuilder();
    spec.leaves()
        .forEach(
            (path, scalar) ->
                sb.append(path)
                    .append('\0')
                    .append(scalar.type())
                    .append('\0')
                    .append(scalar.text())
                    .append('\n'));
    return sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String fileFingerprint(Path file) {
    try {
      return sha256(Files.readAllBytes(file));
    } catch (IOException e) {
      return sha256(new byte[0]);
    }
  }

  private String commit(Path varsDir) {
    try {
      return VarsRepository.of(varsDir, stack.runner()).map(r -> r.head(varsDir)).orElse(null);
    } catch (ParityException e) {
      return null; // a checkout without commits yet
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
