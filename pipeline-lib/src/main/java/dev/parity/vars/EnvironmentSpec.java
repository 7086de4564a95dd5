package dev.parity.vars;

import dev.parity.vars.YamlNode.Scalar;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One environment's effective variable set: common.yml with the environment's file merged over it.
 * Immutable.
 *
 * @param name the environment ("prod")
 * @param file its variable file
 * @param project the project name
 * @param isProtected deletes and replaces need explicit approval
 * @param services the services by name
 * @param topology nodes per role
 * @param sizing per role: size key to value
 * @param portOffset added to every service port
 * @param bindAddress the address nodes listen on
 * @param terraform engine settings
 * @param ansible configuration settings
 * @param secrets secret references by name (never values)
 * @param access how SSH nodes are reached, and who may reach the services
 * @param leaves every scalar of the merged set by key path, for comparisons and rendering
 * @param tools the developer tools declared, by name (whether this environment requires each is
 *     {@link ToolSpec#requiredIn})
 * @param expectedDrift the drift this environment lives with for a while (common.yml's entries for
 *     it, then its own)
 */
public record EnvironmentSpec(
    String name,
    Path file,
    String project,
    boolean isProtected,
    SortedMap<String, ServiceSpec> services,
    SortedMap<String, Integer> topology,
    SortedMap<String, Map<String, Long>> sizing,
    int portOffset,
    String bindAddress,
    TerraformSettings terraform,
    AnsibleSettings ansible,
    SortedMap<String, dev.parity.secret.SecretRef> secrets,
    SortedMap<String, Scalar> leaves,
    NodeAccess access,
    SortedMap<String, ToolSpec> tools,
    List<ExpectedDrift> expectedDrift) {

  /** The tools this environment requires. */
  /**
   * The port node {@code index} of {@code service}'s role listens on. Nodes that share one address
   * (no subnet: the local stack) take base port + port_offset + index, so none collide; nodes with
   * an address of their own (a lab subnet) all take the base port. This is the one place the rule
   * is written: modules get its result as {@code var.node_ports}, validation checks it.
   */
  public int nodePort(ServiceSpec service, int index) {
    return access.subnet() != null ? service.port() : service.port() + portOffset + index;
  }

  public List<ToolSpec> requiredTools() {
    return tools.values().stream().filter(t -> t.requiredIn(name)).toList();
  }

  public EnvironmentSpec {
    services = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(services));
    topology = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(topology));
    sizing = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(sizing));
    secrets = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(secrets));
    leaves = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(leaves));
    tools = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(tools));
    expectedDrift = List.copyOf(expectedDrift);
  }

  /**
   * @param module the root module directory, relative to the repository
   * @param backend "local", "pg" (connection string from connStrSecret) or "store" (pg in the
   *     shared store: the default when common.yml configures one)
   * @param connStrSecret for pg: the secret holding the connection string
   * @param schemaName for pg: the state schema
   * @param timeoutMinutes how long one engine command may run
   */
  public record TerraformSettings(
      String module, String backend, String connStrSecret, String schemaName, int timeoutMinutes) {}

  /**
   * How nodes are reached and who may reach their services.
   *
   * @param subnet the lab's subnet for this environment, or null
   * @param clients networks allowed to connect to the services (pg_hba.conf)
   * @param ssh how SSH nodes are reached
   */
  public record NodeAccess(String subnet, List<String> clients, Ssh ssh) {
    public static final NodeAccess LOCAL =
        new NodeAccess(null, List.of("127.0.0.1/32"), Ssh.DEFAULTS);

    public NodeAccess {
      clients = List.copyOf(clients);
    }
  }

  /**
   * @param user the login user where the inventory names none (the lab's login user)
   * @param privateKeySecret the secret holding the private key, or null
   * @param knownHostsSecret the secret holding known_hosts lines, or null
   * @param bastion the jump host, or null
   * @param becomeMethod sudo or su
   * @param pipelining Ansible SSH pipelining
   * @param controlPersist one SSH connection per host for the whole run
   */
  public record Ssh(
      String user,
      String privateKeySecret,
      String knownHostsSecret,
      Bastion bastion,
      String becomeMethod,
      boolean pipelining,
      boolean controlPersist) {
    public static final String DEFAULT_USER = VarSchema.defaultText("ssh.user");

    /**
     * What an environment gets when its variable set says nothing under {@code ssh} (VarSchema).
     */
    public static final Ssh DEFAULTS =
        new Ssh(
            DEFAULT_USER,
            null,
            null,
            null,
            VarSchema.defaultText("ssh.become_method"),
            VarSchema.defaultFlag("ssh.pipelining"),
            VarSchema.defaultFlag("ssh.control_persist"));
  }

  /** A jump host every SSH node is reached through. */
  public record Bastion(String host, int port, String user) {}

  public record AnsibleSettings(int forks, int timeoutMinutes) {
    /** What an environment gets when its variable set says nothing under {@code ansible}. */
    public static final AnsibleSettings DEFAULTS =
        new AnsibleSettings(
            VarSchema.defaultInt("ansible.forks"), VarSchema.defaultInt("ansible.timeout_minutes"));
  }
}
