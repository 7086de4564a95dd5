package dev.parity.vars;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What parity knows of each kind of service it configures: the settings it takes (all, for
 * PostgreSQL, whose postgresql.conf parameters are its own business; a closed list for memcached,
 * whose role turns each into an option) and how its live version is read. A service of another kind
 * (redis, say) is still compared across environments by check, but nothing configures it and only
 * an explicit probe reads its version.
 *
 * @param name the service name in a variable set
 * @param settings the settings it takes, each with the kind of value, or empty for any
 * @param probe the built-in probe type
 */
public record ServiceKind(String name, Map<String, Shape.LeafType> settings, String probe) {
  public static final List<ServiceKind> KNOWN =
      List.of(
          new ServiceKind("postgresql", Map.of(), "postgresql"),
          new ServiceKind(
              "memcached",
              Map.of(
                  "memory_mb", Shape.LeafType.INTEGER,
                  "max_connections", Shape.LeafType.INTEGER,
                  "threads", Shape.LeafType.INTEGER),
              "memcached"));

  public static Optional<ServiceKind> of(String service) {
    return KNOWN.stream().filter(k -> k.name().equals(service)).findFirst();
  }

  /** Whether it takes any setting (PostgreSQL) or only those listed. */
  public boolean anySetting() {
    return settings.isEmpty();
  }
}
