package dev.parity.vars;

import java.util.List;

/**
 * A developer tool the variable set declares (a JDK, Node, the PostgreSQL client, the
 * Terraform/OpenTofu CLI, a team's own CLI): present at this version wherever it is required.
 *
 * @param name the tool ("java", "psql")
 * @param version the declared version, a prefix of the live one ("17.0" is met by 17.0.15)
 * @param environments where it is required (empty: every environment)
 * @param roles on which nodes of those environments (empty: every node)
 * @param read how to read the live version: an argument list and a regex whose group 1 is the
 *     version (empty: the built-in reader for the name)
 * @param regex see read
 * @param packageName how configure installs it on a Debian node: a pinned package name ("=" and the
 *     version appended when it has none), or null
 * @param fromToolCache how configure installs it otherwise: a directory or a tarball (.tar.gz) in
 *     the controller's tool cache, relative to it, pushed to the node and unpacked into {@link
 *     #INSTALL_ROOT}; or null
 * @param bin the program inside what {@code fromToolCache} names, linked into /usr/local/bin as the
 *     tool's name (default: the name)
 * @param position where the variable set declares it
 */
public record ToolSpec(
    String name,
    String version,
    List<String> environments,
    List<String> roles,
    List<String> read,
    String regex,
    String packageName,
    String fromToolCache,
    String bin,
    Position position) {

  /** Where a tool from the tool cache is unpacked on a node: one directory per name and version. */
  public static final String INSTALL_ROOT = "/opt/parity/tools";

  public ToolSpec {
    environments = List.copyOf(environments);
    roles = List.copyOf(roles);
    read = List.copyOf(read);
    if (bin == null) {
      bin = name;
    }
  }

  /** The same tool declared at another version. */
  public ToolSpec withVersion(String other) {
    return new ToolSpec(
        name, other, environments, roles, read, regex, packageName, fromToolCache, bin, position);
  }

  /** Where a tool from the tool cache lives on a node ("/opt/parity/tools/tofu-1.10.10"). */
  public String installDir() {
    return INSTALL_ROOT + "/" + name + "-" + version;
  }

  /** Whether the environment must have it. */
  public boolean requiredIn(String environment) {
    return environments.isEmpty() || environments.contains(environment);
  }

  /** Whether a node of this role in a requiring environment must have it. */
  public boolean requiredOn(String role) {
    return roles.isEmpty() || roles.contains(role);
  }

  /**
   * Whether a live version meets the declared one: the declared components are the live one's first
   * components ("17.0" is met by "17.0.15", not by "17.1.0" or "1.17").
   */
  public boolean metBy(String live) {
    return live != null && (live.equals(version) || live.startsWith(version + "."));
  }
}
