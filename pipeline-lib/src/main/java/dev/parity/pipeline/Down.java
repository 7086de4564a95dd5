package dev.parity.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.change.Approval;
import dev.parity.change.ChangeSet;
import dev.parity.change.Gate;
import dev.parity.error.ParityException;
import dev.parity.store.Store;
import dev.parity.terraform.PlanSummary;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.workdir.EnvironmentDir;
import java.util.List;
import java.util.Optional;

/**
 * Takes one environment down from what was deployed (the recorded inventory and the inputs of its
 * last plan), not from the variable set. Destroying is a change like any other: the destroy plan
 * ({@code plan -destroy -out}) and the data it deletes are the change set, the gate decides, and
 * exactly that plan is applied. A protected environment (as declared, or as recorded when it was
 * deployed) needs an approval and {@code --allow-destroy}.
 */
public final class Down {
  private final Stack stack;

  public Down(Stack stack) {
    this.stack = stack;
  }

  /** What a down did, for the command's line. */
  public enum Outcome {
    NOTHING_DEPLOYED,
    LAB_DESTROYED,
    STOPPED
  }

  /** What a down did, and to how many nodes. */
  public record Result(Outcome outcome, int nodes) {}

  /** The destroy change set without changing anything: what {@code plan --destroy} prints. */
  public ChangeSet plan(String environment, Optional<EnvironmentSpec> spec) {
    try (Store.Lease lease = stack.store().lock(environment, "plan --destroy")) {
      return changeSet(environment, spec, lease);
    }
  }

  public Result down(
      String environment, Optional<EnvironmentSpec> spec, Approval approval, boolean allowDestroy) {
    try (Store.Lease lease = stack.store().lock(environment, "down")) {
      EnvironmentDir dir = stack.workDir().environment(environment);
      List<JsonNode> nodes = ChangeSets.recordedNodes(dir, environment);
      boolean state = stack.infrastructure().hasRecordedInputs(environment);
      if (nodes.isEmpty() && !state) {
        return new Result(Outcome.NOTHING_DEPLOYED, 0);
      }
      ChangeSets changeSets = new ChangeSets(stack);
      boolean isProtected = changeSets.isProtected(environment, spec);
      Optional<ChangeSet> gated =
          Gate.pass(
              "down --env " + environment,
              isProtected,
              approval,
              () -> changeSet(environment, spec, lease));
      if (isProtected && !allowDestroy) {
        throw new Gate.Refused(
            environment
                + " is protected and down deletes its hosts and data; nothing was changed. Add"
                + " --allow-destroy to the approved command.");
      }
      if (!state) {
        // Nodes without Terraform inputs recorded (a work dir from before parity recorded them):
        // their services are stopped and their data removed, then nothing of it is deployed.
        stack.configuration().down(environment, spec, lease);
        forget(dir);
        return new Result(Outcome.STOPPED, nodes.size());
      }
      if (gated.isEmpty()) {
        // Not computed at the gate (unprotected, or --auto-approve): planned now, applied exactly.
        stack.infrastructure().planDestroy(environment, spec, lease);
      }
      boolean lab = nodes.stream().anyMatch(n -> n.has("lab"));
      if (!lab && !nodes.isEmpty()) {
        // Services stop before their hosts' resources are destroyed; a lab host goes whole.
        stack.configuration().down(environment, spec, lease);
      }
      stack.infrastructure().applyDestroy(environment, spec, lease);
      return new Result(lab ? Outcome.LAB_DESTROYED : Outcome.STOPPED, nodes.size());
    }
  }

  /** What was deployed is gone: a second down says that nothing of the environment is deployed. */
  private static void forget(EnvironmentDir dir) {
    try {
      java.nio.file.Files.deleteIfExists(dir.inventory());
      dev.parity.workdir.Deployed.remove(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The destroy plan (made now, saved for the apply) and the data deleted. */
  private ChangeSet changeSet(
      String environment, Optional<EnvironmentSpec> spec, Store.Lease lease) {
    PlanSummary destroyPlan =
        stack.infrastructure().hasRecordedInputs(environment)
            ? stack.infrastructure().planDestroy(environment, spec, lease)
            : null;
    if (destroyPlan != null && destroyPlan.errored()) {
      throw new ParityException("the destroy plan of " + environment + " errored");
    }
    return new ChangeSets(stack).destroy(environment, spec, destroyPlan, lease);
  }
}
