package dev.parity.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.assertion.AssertionResult;
import dev.parity.assertion.EnvironmentAssertions;
import dev.parity.change.Approval;
import dev.parity.change.Gate;
import dev.parity.error.ParityException;
import dev.parity.notify.Notifications;
import dev.parity.store.Store;
import dev.parity.terraform.Infrastructure;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.ExpectedDrift;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Finds drift in three layers — infrastructure (the plan has changes), configuration (check mode
 * would change something), versions (live assertions fail) — and, with restore, repairs it (apply,
 * configure, assert again). Environments run in parallel up to a bound; one failing does not stop
 * the others.
 */
public final class Reconcile {
  private final Stack stack;
  private final Notifications notifications;
  private final String runBy;

  public Reconcile(Stack stack) {
    this(stack, null, null);
  }

  /**
   * @param notifications what tells webhooks about changes of verdict, or null for none
   * @param runBy who runs this reconcile, for "resolved by" messages
   */
  public Reconcile(Stack stack, Notifications notifications, String runBy) {
    this.stack = stack;
    this.notifications = notifications;
    this.runBy = runBy;
  }

  /**
   * Drift per layer: empty lists mean none.
   *
   * @param expected drift that parity.expected_drift covers, each line naming its entry's owner and
   *     expiry: listed, never counted, never repaired
   */
  public record Drift(
      List<String> infrastructure,
      List<String> configuration,
      List<String> versions,
      List<String> expected) {
    public Drift {
      infrastructure = List.copyOf(infrastructure);
      configuration = List.copyOf(configuration);
      versions = List.copyOf(versions);
      expected = List.copyOf(expected);
    }

    public boolean any() {
      return !infrastructure.isEmpty() || !configuration.isEmpty() || !versions.isEmpty();
    }
  }

  /**
   * One environment's reconciliation.
   *
   * @param before the drift found
   * @param after the drift left after repair (null when not restored)
   * @param error why it could not be examined or repaired, or null
   * @param notices warnings and what notifications did, one line each
   */
  public record Result(
      String environment, Drift before, Drift after, String error, List<String> notices) {
    public Result {
      notices = List.copyOf(notices);
    }

    public Result(String environment, Drift before, Drift after, String error) {
      this(environment, before, after, error, List.of());
    }

    public boolean driftLeft() {
      return after != null ? after.any() : before != null && before.any();
    }

    Result withNotices(List<String> more) {
      List<String> all = new ArrayList<>(notices);
      all.addAll(more);
      return new Result(environment, before, after, error, all);
    }
  }

  /**
   * Reconciles each environment, each holding its own lease from its start to its end.
   *
   * @param approval what a person approved for repairs of protected environments
   */
  public List<Result> run(
      List<EnvironmentSpec> specs, boolean restore, int parallel, Approval approval) {
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, specs.size())));
    try {
      List<Future<Result>> futures = new ArrayList<>();
      for (EnvironmentSpec spec : specs) {
        futures.add(pool.submit(() -> one(spec, restore, approval)));
      }
      List<Result> results = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        try {
          results.add(futures.get(i).get());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          results.add(new Result(specs.get(i).name(), null, null, "interrupted"));
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          // a failure parity did not foresee still names itself: never "ERROR null"
          String why =
              cause.getMessage() != null
                  ? cause.getMessage()
                  : "unexpected " + cause.getClass().getName();
          results.add(new Result(specs.get(i).name(), null, null, why));
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private Result one(EnvironmentSpec spec, boolean restore, Approval approval) {
    try (var lease = stack.store().lock(spec.name(), "reconcile")) {
      Set<ExpectedDrift> matched = new HashSet<>();
      Result result = examineAndRepair(spec, restore, approval, lease, matched);
      return result.withNotices(keepVerdict(spec, result, matched));
    } catch (ParityException e) {
      // no lease: another run holds the environment, and tells about it itself
      return new Result(spec.name(), null, null, e.getMessage());
    }
  }

  /**
   * Records the run in the environment's verdict state (still held under the lease): when each
   * expected-drift entry last matched, and what notifications tell.
   */
  private List<String> keepVerdict(
      EnvironmentSpec spec, Result result, Set<ExpectedDrift> matched) {
    return VerdictState.update(
        stack.store(),
        spec.name(),
        state -> {
          List<String> notices = new ArrayList<>();
          if (result.error() == null) {
            notices.addAll(
                ExpectedDriftUse.update(
                    state, spec.expectedDrift(), matched, stack.clock().instant()));
          }
          if (notifications != null) {
            notices.addAll(tell(spec.name(), state, result));
          }
          return notices;
        });
  }

  private List<String> tell(String environment, ObjectNode state, Result result) {
    Notifications.Verdict verdict =
        result.error() != null
            ? Notifications.Verdict.ERRORED
            : result.driftLeft() ? Notifications.Verdict.DRIFTED : Notifications.Verdict.IN_PARITY;
    Drift left = result.after() != null ? result.after() : result.before();
    List<String> what = new ArrayList<>();
    if (result.error() != null) {
      what.add(result.error());
    } else if (left != null) {
      what.addAll(left.infrastructure());
      what.addAll(left.configuration());
      what.addAll(left.versions());
    }
    String by =
        result.after() != null && result.before().any()
            ? "repaired by parity reconcile --restore"
                + (runBy == null ? "" : " (run by " + runBy + ")")
            : null;
    return notifications.after(environment, state, verdict, what, by);
  }

  /**
   * @param matched filled with the expected-drift entries that matched drift found
   */
  private Result examineAndRepair(
      EnvironmentSpec spec,
      boolean restore,
      Approval approval,
      Store.Lease lease,
      Set<ExpectedDrift> matched) {
    List<ExpectedDrift> expired =
        ExpectedDrift.expired(
            spec.expectedDrift(), LocalDate.now(stack.clock().withZone(ZoneOffset.UTC)));
    if (!expired.isEmpty()) {
      // Drift nobody renewed is looked at again, not hidden: the run cannot decide what counts.
      return new Result(
          spec.name(),
          null,
          null,
          "expected drift expired: "
              + expired.stream()
                  .map(e -> e.what() + " (" + e.terms() + ")")
                  .collect(java.util.stream.Collectors.joining("; "))
              + ". Its owner renews it (a later expires) or removes it");
    }
    Examined before;
    try {
      before = examine(spec, lease);
      matched.addAll(before.matched());
    } catch (ParityException e) {
      return new Result(spec.name(), null, null, e.getMessage());
    }
    if (!restore || !before.drift().any()) {
      return new Result(spec.name(), before.drift(), null, null);
    }
    try {
      Gate.pass(
          "reconcile --restore --env " + spec.name(),
          spec.isProtected(),
          approval,
          () -> new ChangeSets(stack).deploy(spec, before.plan(), lease));
    } catch (Gate.Refused e) {
      return new Result(spec.name(), before.drift(), null, "repair refused: " + e.getMessage());
    }
    String refused = revertsExpected(before);
    if (refused != null) {
      return new Result(spec.name(), before.drift(), null, "repair refused: " + refused);
    }
    try {
      if (!before.drift().infrastructure().isEmpty()) {
        stack
            .infrastructure()
            .apply(spec, false, lease, () -> Retire.leavingNodes(stack, spec, lease, line -> {}));
      }
      stack.configuration().configure(spec, false, before.configureLimit(), lease);
      return new Result(spec.name(), before.drift(), examine(spec, lease).drift(), null);
    } catch (ParityException e) {
      return new Result(spec.name(), before.drift(), null, "repair failed: " + e.getMessage());
    }
  }

  /**
   * Why a repair would undo drift the team expects, or null. Applying a plan applies all of it, so
   * drift to repair beside expected Terraform drift is refused; a configure run on a node puts
   * every task back, so a node with both is refused, and nodes with expected drift alone are left
   * out.
   */
  private static String revertsExpected(Examined found) {
    if (!found.drift().infrastructure().isEmpty() && !found.expectedTerraform().isEmpty()) {
      return "applying the plan would also revert expected drift ("
          + String.join("; ", found.expectedTerraform())
          + "). Repair the rest by hand, or remove the entry, then reconcile";
    }
    List<String> both =
        found.driftHosts().stream().filter(found.expectedHosts()::contains).sorted().toList();
    if (!both.isEmpty()) {
      return String.join(", ", both)
          + " has drift to repair and expected drift: configuring it would revert the expected"
          + " drift. Repair it by hand, or remove the entry, then reconcile";
    }
    return null;
  }

  /**
   * The drift found, and the plan it was found with (what a repair applies).
   *
   * @param expectedTerraform the Terraform drift that is expected, one line each
   * @param driftHosts nodes with configuration or version drift to repair
   * @param expectedHosts nodes with expected configuration or version drift
   * @param matched the entries that matched drift
   */
  private record Examined(
      Drift drift,
      Infrastructure.PlanOutcome plan,
      List<String> expectedTerraform,
      java.util.Set<String> driftHosts,
      java.util.Set<String> expectedHosts,
      Set<ExpectedDrift> matched) {

    /** The nodes a repair configures: every node but those whose drift is expected. */
    String configureLimit() {
      return expectedHosts.isEmpty()
          ? null
          : "all:!" + String.join(":!", new java.util.TreeSet<>(expectedHosts));
    }
  }

  private Examined examine(EnvironmentSpec spec, Store.Lease lease) {
    var plan = stack.infrastructure().plan(spec, lease);
    List<ExpectedDrift> entries = spec.expectedDrift();
    List<String> expected = new ArrayList<>();
    List<String> expectedTerraform = new ArrayList<>();
    Set<ExpectedDrift> matched = new HashSet<>();
    List<String> infra =
        plan.hasChanges()
            ? infrastructureDrift(plan, entries, expectedTerraform, matched)
            : List.of();
    expected.addAll(expectedTerraform);
    java.util.Set<String> driftHosts = new java.util.TreeSet<>();
    java.util.Set<String> expectedHosts = new java.util.TreeSet<>();
    List<String> config = new ArrayList<>();
    List<String> versions = new ArrayList<>();
    // The nodes themselves differ from the variable set: configuration and versions follow once
    // they exist.
    if (infra.isEmpty()) {
      liveAndConfiguration(
          spec, lease, entries, config, versions, expected, driftHosts, expectedHosts, matched);
    }
    return new Examined(
        new Drift(infra, config, versions, expected),
        plan,
        expectedTerraform,
        driftHosts,
        expectedHosts,
        matched);
  }

  /** The configuration and version layers, each finding sorted into drift or expected drift. */
  private void liveAndConfiguration(
      EnvironmentSpec spec,
      Store.Lease lease,
      List<ExpectedDrift> entries,
      List<String> config,
      List<String> versions,
      List<String> expected,
      java.util.Set<String> driftHosts,
      java.util.Set<String> expectedHosts,
      Set<ExpectedDrift> matched) {
    // Live first: a node that serves but whose SSH does not answer is named plainly, instead of
    // the check-mode run failing on it with SSH's own words.
    Optional<EnvironmentAssertions> live = stack.assertLive(spec);
    List<String> unmanageable =
        live
            .map(l -> l.results().stream().filter(AssertionResult::isUnmanageable).toList())
            .orElse(List.of())
            .stream()
            .map(AssertionResult::message)
            .toList();
    if (!unmanageable.isEmpty()) {
      throw new ParityException(
          spec.name()
              + " cannot be reconciled: "
              + String.join("; ", unmanageable)
              + ". Bring SSH back (or fix the node's ssh settings in the module), then reconcile");
    }
    var check = stack.configuration().configure(spec, true, null, lease);
    for (var t : check.results().changed()) {
      Optional<ExpectedDrift> entry =
          entries.stream().filter(e -> e.coversTask(t.host(), t.task())).findFirst();
      if (entry.isPresent()) {
        expected.add(expectedLine(t.host() + ": " + t.task(), entry.get()));
        expectedHosts.add(t.host());
        matched.add(entry.get());
      } else {
        config.add(t.host() + ": " + t.task());
        driftHosts.add(t.host());
      }
    }
    live.ifPresent(
        l -> {
          for (AssertionResult r : l.results()) {
            if (r.passed()) {
              continue;
            }
            Optional<ExpectedDrift> entry =
                r.check().equals("version")
                    ? entries.stream()
                        .filter(e -> e.coversVersion(r.service(), r.observed()))
                        .findFirst()
                    : Optional.empty();
            if (entry.isPresent()) {
              expected.add(expectedLine(r.message(), entry.get()));
              expectedHosts.add(r.node());
              matched.add(entry.get());
            } else {
              versions.add(r.message());
              driftHosts.add(r.node());
            }
          }
        });
  }

  /**
   * The infrastructure drift that counts, one line each; the expected one goes to {@code expected}.
   * Creates, deletes, replaces and forgets always count; an update (or a change made outside the
   * engine) counts unless an entry covers each attribute it changes; a plan whose only other
   * changes are outputs counts when none of its resource changes is expected (outputs follow from
   * resources).
   */
  private static List<String> infrastructureDrift(
      Infrastructure.PlanOutcome plan,
      List<ExpectedDrift> entries,
      List<String> expected,
      Set<ExpectedDrift> matched) {
    var s = plan.summary();
    List<String> unexpected = new ArrayList<>();
    for (String address : s.updates()) {
      if (!covered(address, plan.attributes().changes().get(address), entries, expected, matched)) {
        unexpected.add("update not expected: " + address);
      }
    }
    List<String> outside = new ArrayList<>();
    s.drift()
        .forEach(
            (address, action) -> {
              boolean isExpected =
                  action.equals("update")
                      && covered(
                          address,
                          plan.attributes().drift().get(address),
                          entries,
                          expected,
                          matched);
              if (!isExpected) {
                outside.add("changed outside the engine: " + address + " " + action);
              }
            });
    boolean structural =
        !s.creates().isEmpty()
            || !s.deletes().isEmpty()
            || !s.replaces().isEmpty()
            || !s.forgets().isEmpty();
    boolean resourceChanges = !s.updates().isEmpty() || structural;
    if (!structural
        && unexpected.isEmpty()
        && outside.isEmpty()
        && (resourceChanges || !expected.isEmpty())) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    lines.add(
        s.count("create")
            + " to create, "
            + s.count("update")
            + " to update, "
            + s.count("replace")
            + " to replace, "
            + s.count("delete")
            + " to delete");
    if (!entries.isEmpty()) {
      lines.addAll(unexpected);
    }
    lines.addAll(outside);
    return lines;
  }

  /**
   * Whether an entry covers every attribute an update changes; each covered one is listed as
   * expected. An update with no known changed attribute is never covered.
   */
  private static boolean covered(
      String address,
      List<String> attributes,
      List<ExpectedDrift> entries,
      List<String> expected,
      Set<ExpectedDrift> matched) {
    if (attributes == null || attributes.isEmpty()) {
      return false;
    }
    boolean all = true;
    for (String attribute : attributes) {
      Optional<ExpectedDrift> entry =
          entries.stream().filter(e -> e.coversAttribute(address, attribute)).findFirst();
      if (entry.isPresent()) {
        matched.add(entry.get());
        String line = expectedLine(address + " " + attribute, entry.get());
        if (!expected.contains(line)) {
          expected.add(line);
        }
      } else {
        all = false;
      }
    }
    return all;
  }

  private static String expectedLine(String what, ExpectedDrift entry) {
    return what + " (expected: " + entry.reason() + "; " + entry.terms() + ")";
  }
}
