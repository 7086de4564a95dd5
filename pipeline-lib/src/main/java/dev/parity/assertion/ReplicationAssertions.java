package dev.parity.assertion;

import dev.parity.probe.ReplicationState;
import dev.parity.vars.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The assertions of a streaming role, from what each of its nodes said: exactly one primary, and
 * each standby streaming from it no further behind than replication.max_lag_bytes. Pure: the same
 * states always give the same results.
 */
public final class ReplicationAssertions {
  /** The check of a node's part: its observed value starts with primary or standby. */
  public static final String CHECK = "replication";

  /** The check of the role: how many primaries it has. */
  public static final String PRIMARY_CHECK = "primary";

  private ReplicationAssertions() {}

  /**
   * @param states what each node of the role that answered the version probe said, in node order
   */
  public static List<AssertionResult> of(
      String environment, ServiceSpec service, List<ReplicationState> states) {
    List<AssertionResult> results = new ArrayList<>();
    List<ReplicationState> answered = states.stream().filter(ReplicationState::answered).toList();
    List<String> primaries =
        answered.stream().filter(s -> !s.standby()).map(ReplicationState::node).toList();
    boolean onePrimary = primaries.size() == 1;
    results.add(
        new AssertionResult(
            environment,
            service.role(),
            service.name(),
            PRIMARY_CHECK,
            onePrimary,
            "1",
            primaries.isEmpty() ? "none" : String.join(", ", primaries),
            onePrimary
                ? ""
                : primaries.isEmpty()
                    ? environment
                        + " "
                        + service.role()
                        + ": no node is the "
                        + service.name()
                        + " primary; nothing takes writes (promote the most caught-up standby)"
                    : environment
                        + " "
                        + service.role()
                        + ": "
                        + primaries.size()
                        + " nodes are "
                        + service.name()
                        + " primaries ("
                        + String.join(", ", primaries)
                        + "): writes to one are lost to the others; stop all but one",
            0));
    Optional<ReplicationState> primary =
        onePrimary ? answered.stream().filter(s -> !s.standby()).findFirst() : Optional.empty();
    for (ReplicationState s : states) {
      if (!s.answered()) {
        results.add(
            result(
                environment,
                service,
                s.node(),
                false,
                "unreachable",
                s.node()
                    + " "
                    + service.name()
                    + ": its replication cannot be read: "
                    + s.error()));
      } else if (!s.standby()) {
        long streaming = s.senders().stream().filter(x -> "streaming".equals(x.state())).count();
        results.add(
            result(
                environment,
                service,
                s.node(),
                true,
                "primary, " + streaming + " standby(s) streaming",
                ""));
      } else {
        results.add(standby(environment, service, s, primary));
      }
    }
    return results;
  }

  private static AssertionResult standby(
      String environment,
      ServiceSpec service,
      ReplicationState s,
      Optional<ReplicationState> primary) {
    long max = service.replication().maxLagBytes();
    Optional<ReplicationState.Sender> sender =
        primary.flatMap(
            p -> p.senders().stream().filter(x -> x.name().equals(s.node())).findFirst());
    String from = primary.map(p -> " from " + p.node()).orElse("");
    if (!"streaming".equals(s.receiving())
        || sender.isPresent() && !"streaming".equals(sender.get().state())) {
      String how =
          s.receiving() == null ? "no WAL receiver runs" : "its WAL receiver is " + s.receiving();
      return notStreaming(
          environment, service, s.node(), "is a standby that does not stream" + from + ": " + how);
    }
    if (primary.isPresent() && sender.isEmpty()) {
      return notStreaming(
          environment,
          service,
          s.node(),
          "streams, but not from the primary "
              + primary.get().node()
              + " (it has no sender for it)");
    }
    Long lag = sender.map(ReplicationState.Sender::replayLagBytes).orElse(null);
    if (lag != null && lag > max) {
      return result(
          environment,
          service,
          s.node(),
          false,
          "standby, streaming, " + lag + " B behind",
          s.node()
              + " "
              + service.name()
              + " replays "
              + lag
              + " bytes behind the primary; replication.max_lag_bytes is "
              + max);
    }
    return result(
        environment,
        service,
        s.node(),
        true,
        "standby, streaming" + (lag == null ? "" : ", " + lag + " B behind"),
        "");
  }

  private static AssertionResult notStreaming(
      String environment, ServiceSpec service, String node, String why) {
    return result(
        environment,
        service,
        node,
        false,
        "standby, not streaming",
        node + " " + service.name() + " " + why);
  }

  private static AssertionResult result(
      String environment,
      ServiceSpec service,
      String node,
      boolean passed,
      String observed,
      String message) {
    return new AssertionResult(
        environment,
        node,
        service.name(),
        CHECK,
        passed,
        "primary or streaming standby",
        observed,
        message,
        0);
  }
}
