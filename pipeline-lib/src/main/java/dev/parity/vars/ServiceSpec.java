package dev.parity.vars;

import java.util.List;
import java.util.Map;

/**
 * One backing service of one environment, as the merged variable set declares it.
 *
 * @param name the service name (postgresql, memcached, ...)
 * @param version the declared version, exactly as written ("16.4")
 * @param role the topology role whose nodes run it
 * @param port the base port
 * @param settings settings by name, values as written (text)
 * @param probe how to read the live version, or null for the service's built-in probe
 * @param install where SSH nodes get its programs: a package, or null for the service's default
 *     (PostgreSQL: parity's builds from the tool cache; Memcached: the package memcached)
 * @param position where the version was written (for messages)
 * @param replication how its nodes replicate, or null for none (independent servers)
 */
public record ServiceSpec(
    String name,
    String version,
    String role,
    int port,
    Map<String, String> settings,
    ProbeSpec probe,
    Install install,
    Position position,
    Replication replication) {

  public ServiceSpec {
    settings = Map.copyOf(settings);
  }

  /**
   * A package the node's package manager installs the service from.
   *
   * @param repository an apt source line the node gets first, or null for the node's own sources
   * @param binDir where the package puts the server programs, or null for the service's default
   */
  public record Install(String packageName, String repository, String binDir) {}

  /** Whether its nodes are one primary with streaming standbys. */
  public boolean streams() {
    return replication != null && replication.streaming();
  }

  /**
   * How a PostgreSQL role's nodes replicate: {@code streaming} (one primary, the other nodes its
   * physical standbys, each on a replication slot of its own) or {@code none}.
   *
   * @param mode streaming or none
   * @param maxLagBytes how far a standby's replay may trail the primary's WAL before assert fails
   * @param passwordSecret the secret holding the replication role's password
   * @param position where password_secret was written, else the replication map (for messages)
   */
  public record Replication(
      String mode, long maxLagBytes, String passwordSecret, Position position) {
    public static final String STREAMING = "streaming";
    public static final String NONE = "none";

    public boolean streaming() {
      return STREAMING.equals(mode);
    }
  }

  /** A declared probe. */
  public record ProbeSpec(
      String type,
      String url,
      String jsonPointer,
      String regex,
      List<String> command,
      Integer timeoutMs) {
    public ProbeSpec {
      command = command == null ? List.of() : List.copyOf(command);
    }
  }
}
