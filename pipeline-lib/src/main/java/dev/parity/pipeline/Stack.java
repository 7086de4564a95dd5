package dev.parity.pipeline;

import dev.parity.ansible.Configuration;
import dev.parity.assertion.EnvironmentAssertions;
import dev.parity.assertion.LiveAssertions;
import dev.parity.check.ParityChecker;
import dev.parity.process.ProcessRunner;
import dev.parity.store.Store;
import dev.parity.terraform.Infrastructure;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.VarSet;
import dev.parity.workdir.WorkDir;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The parts a pipeline runs, over one work dir and one store (where locks, history, rollouts and
 * run rows are kept): infrastructure, configuration, live assertions and the checker. The pipelines
 * (deploy, reconcile, rollout) are sequences of these; nothing here is a pipeline of its own.
 */
public record Stack(
    Infrastructure infrastructure,
    Configuration configuration,
    WorkDir workDir,
    Store store,
    ProcessRunner runner,
    Map<String, String> env,
    Clock clock) {

  public ParityChecker checker(VarSet set) {
    return new ParityChecker(set.policy(), store.history(), clock);
  }

  /** The environment's live assertions, or empty when it has no inventory yet. */
  public Optional<EnvironmentAssertions> assertLive(EnvironmentSpec spec) {
    return LiveAssertions.ofDeployed(workDir, store, spec, env, runner, clock);
  }
}
