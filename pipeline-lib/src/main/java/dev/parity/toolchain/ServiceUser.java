package dev.parity.toolchain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The unprivileged account that runs the local stack's services. PostgreSQL refuses to run as root
 * and memcached needs {@code -u}, so when parity runs as root the services run as a system user
 * (default {@code parity}, created by {@code parity tools install}); otherwise they run as the
 * invoking user.
 *
 * @param name the account name
 * @param switchTo true when commands must be wrapped to switch to it (parity runs as root)
 */
public record ServiceUser(String name, boolean switchTo) {
  public static final String ENV = "PARITY_SERVICE_USER";
  public static final String DEFAULT = "parity";

  public static ServiceUser current(Map<String, String> env) {
    if (isRoot()) {
      String configured = env.getOrDefault(ENV, "");
      return new ServiceUser(configured.isBlank() ? DEFAULT : configured, true);
    }
    return new ServiceUser(System.getProperty("user.name"), false);
  }

  public static ServiceUser current() {
    return current(System.getenv());
  }

  public static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /**
   * The argument list that runs {@code argv} as this user ({@code runuser}, part of util-linux; no
   * sudo needed).
   */
  public List<String> wrap(List<String> argv) {
    if (!switchTo) {
      return List.copyOf(argv);
    }
    List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", name, "--"));
    wrapped.addAll(argv);
    return wrapped;
  }

  /** The command that creates the account, for messages and the installer. */
  public List<String> createCommand() {
    return List.of(
        "useradd",
        "--system",
        "--no-create-home",
        "--home-dir",
        "/nonexistent",
        "--shell",
        "/usr/sbin/nologin",
        name);
  }
}
