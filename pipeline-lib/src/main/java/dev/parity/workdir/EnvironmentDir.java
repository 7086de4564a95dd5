package dev.parity.workdir;

import java.nio.file.Path;

/**
 * The work files of one environment, {@code <work dir>/<environment>/}: nothing of one environment
 * is ever written into another's directory.
 *
 * @param root the environment's directory
 */
public record EnvironmentDir(Path root) {

  /** The engine's working root: links to the module's files plus the generated backend file. */
  public Path terraformRoot() {
    return root.resolve("terraform").resolve("root");
  }

  /** TF_DATA_DIR: the environment's own .terraform (backend settings, modules, providers). */
  public Path terraformData() {
    return root.resolve("terraform").resolve("data");
  }

  /**
   * The provider plugin cache of this environment only, so parallel environments never race on one.
   */
  public Path pluginCache() {
    return root.resolve("terraform").resolve("plugin-cache");
  }

  /** The local backend's state file. */
  public Path localState() {
    return root.resolve("terraform").resolve("terraform.tfstate");
  }

  public Path planDir() {
    return root.resolve("plan");
  }

  /** The saved plan (binary, mode 0600; removed once applied). */
  public Path planFile() {
    return planDir().resolve("tfplan");
  }

  /** The rendered variables the plan was made with (no secret values). */
  public Path tfvars() {
    return planDir().resolve("terraform.tfvars.json");
  }

  /** The plan's summary and fingerprint. */
  public Path planRecord() {
    return planDir().resolve("plan.json");
  }

  /** The saved destroy plan ({@code plan -destroy -out}; removed once applied). */
  public Path destroyPlanFile() {
    return planDir().resolve("destroy.tfplan");
  }

  /** The last change set computed for the environment (what a person may approve). */
  public Path changeSet() {
    return planDir().resolve("change-set.json");
  }

  /**
   * What was deployed, recorded beside the inventory: whether the environment is protected, so that
   * {@code down} enforces it even when the variable set no longer loads.
   */
  public Path deployed() {
    return root.resolve("deployed.json");
  }

  /** The inventory from the last apply. */
  public Path inventory() {
    return root.resolve("inventory.json");
  }

  public Path logs() {
    return root.resolve("logs");
  }

  public Path lockFile() {
    return root.resolve("parity.lock");
  }

  /** Where errored.tfstate files are kept when the engine could not save state. */
  public Path recovered() {
    return root.resolve("terraform").resolve("recovered");
  }
}
