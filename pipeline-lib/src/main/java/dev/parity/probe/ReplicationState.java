package dev.parity.probe;

import java.util.List;

/**
 * What one PostgreSQL node says of its part in streaming replication.
 *
 * @param node the node
 * @param error why it could not be asked, or null when it answered
 * @param standby whether it is in recovery (a standby); false for the primary
 * @param receiving a standby's WAL receiver status ("streaming"), or null when none runs
 * @param senders on a primary, each standby streaming from it
 */
public record ReplicationState(
    String node, String error, boolean standby, String receiving, List<Sender> senders) {

  public ReplicationState {
    senders = senders == null ? List.of() : List.copyOf(senders);
  }

  public static ReplicationState unreachable(String node, String error) {
    return new ReplicationState(node, error, false, null, List.of());
  }

  public boolean answered() {
    return error == null;
  }

  /**
   * A standby as its primary sees it (pg_stat_replication).
   *
   * @param name its application_name, which parity sets to the node's name
   * @param state the sender's state ("streaming", "catchup", ...)
   * @param replayLagBytes how far its replay trails the primary's current WAL position, or null
   *     before it has replayed anything
   */
  public record Sender(String name, String state, Long replayLagBytes) {}
}
