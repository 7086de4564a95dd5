package dev.parity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.store.Store;
import dev.parity.store.Stores;
import dev.parity.store.WorkDirStore;
import dev.parity.vars.VarSet;
import dev.parity.workdir.WorkDir;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command tells {@link Cli} about its run, so that one place writes the run record for every
 * command: the work dir (no record without one), the environment, the plan fingerprint, the
 * results, and the store the command used (opened on first use: validate never connects to it).
 */
final class RunRecorder {
  Path workDir;
  String environment;
  String planFingerprint;
  JsonNode results;
  com.fasterxml.jackson.databind.node.ObjectNode approval;
  private VarSet set;
  private Map<String, String> env;
  private Store store;

  void workDir(Path dir) {
    this.workDir = dir;
  }

  void environment(String name) {
    this.environment = name;
  }

  void results(JsonNode node) {
    this.results = node;
  }

  /**
   * What the command was approved with and who approved it; the change set's SHA-256 once the gate
   * computed one.
   */
  synchronized void approval(dev.parity.change.Approval given, String changeSetSha256) {
    if (approval == null) {
      approval = Json.mapper().createObjectNode();
    }
    approval.put("mode", given.any() ? "auto-approve" : given.sha256() != null ? "sha256" : "none");
    approval.put("approved_sha256", given.sha256());
    approval.put("approved_by", given.approvedBy());
    if (changeSetSha256 != null) {
      approval.withArray("change_sets").add(changeSetSha256);
    }
  }

  void planFingerprint(String fingerprint) {
    this.planFingerprint = fingerprint;
  }

  /** The variable set whose store the command's records go to. */
  void storeOf(VarSet set, Map<String, String> env) {
    this.set = set;
    this.env = env;
  }

  /** The store, opened now if the command has not used it yet. */
  synchronized Store store(Path workDirOfCommand) {
    if (store == null) {
      WorkDir wd = new WorkDir(workDirOfCommand);
      store =
          set == null
              ? new WorkDirStore(wd, env == null ? Map.of() : env)
              : Stores.open(set.sharedStore(), wd, env);
    }
    return store;
  }

  /** The store if the command opened one. */
  synchronized java.util.Optional<Store> openedStore() {
    return java.util.Optional.ofNullable(store);
  }
}
