package dev.parity.vars;

import dev.parity.vars.YamlNode.Scalar;
import java.nio.file.Path;
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
 * @param leaves every scalar of the merged set by key path, for comparisons and rendering
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
    SortedMap<String, Scalar> leaves) {

  public EnvironmentSpec {
    services = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(services));
    topology = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(topology));
    sizing = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(sizing));
    secrets = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(secrets));
    leaves = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(leaves));
  }

  /**
   * @param module the root module directory, relative to the repository
   * @param backend "local" or "pg"
   * @param connStrSecret for pg: the secret holding the connection string
   * @param schemaName for pg: the state schema
   * @param timeoutMinutes how long one engine command may run
   */
  public record TerraformSettings(
      String module, String backend, String connStrSecret, String schemaName, int timeoutMinutes) {}

  public record AnsibleSettings(int forks, int timeoutMinutes) {
    /** What an environment gets when its variable set says nothing under {@code ansible}. */
    public static final AnsibleSettings DEFAULTS = new AnsibleSettings(5, 60);
  }
}
