package dev.parity.assertion;

/**
 * One assertion about one environment: a node's service runs the declared version, or a role has
 * its declared number of nodes.
 *
 * @param environment the environment
 * @param node the node ("dev-db-0"), or the role for a node-count check
 * @param service the service, or "nodes" for a node-count check
 * @param check "version", "node-count", or "ssh" (a node whose services answer but whose SSH does
 *     not: passed, since its services are fine, with observed {@link #UNMANAGEABLE})
 * @param passed true when observed equals expected
 * @param expected the declared version or count
 * @param observed what the live service reported ("unreachable" when it did not answer)
 * @param message why it failed, empty when it passed
 * @param millis how long the probe took
 */
public record AssertionResult(
    String environment,
    String node,
    String service,
    String check,
    boolean passed,
    String expected,
    String observed,
    String message,
    long millis) {

  public static final String UNREACHABLE = "unreachable";

  /** A service of a kind parity has no probe for, declared without one. */
  public static final String NOT_VERIFIABLE = "not verifiable";

  /** A node parity can observe but not configure: its services answer, its SSH does not. */
  public static final String UNMANAGEABLE = "unmanageable";

  /**
   * A node that serves but whose SSH server does not answer: passed (its services are fine),
   * observed {@link #UNMANAGEABLE}.
   *
   * @param sshAt where its SSH server should be, host:port
   * @param why what the connection attempt met
   */
  public static AssertionResult unmanageable(
      String environment, String node, String sshAt, String why, long millis) {
    return new AssertionResult(
        environment,
        node,
        "ssh",
        "ssh",
        true,
        "reachable",
        UNMANAGEABLE,
        node
            + " is unmanageable: its services answer, but SSH at "
            + sshAt
            + " does not ("
            + why
            + "); parity can observe it, not configure it",
        millis);
  }

  /**
   * Whether this is a warning: the node works, but no configuring command can reach it. (Derived,
   * so not part of the recorded form.)
   */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isUnmanageable() {
    return check.equals("ssh") && UNMANAGEABLE.equals(observed);
  }
}
