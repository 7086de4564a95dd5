package dev.parity.vars;

import dev.parity.secret.SecretRef;

/**
 * The shared store of a project (common.yml {@code store}): where its connection string comes from
 * and the schema of the project's records.
 */
public record StoreSettings(SecretRef connStr, String schema) {

  /** The Terraform state schema of an environment in the store. */
  public String stateSchema(String environment) {
    return schema + "_tfstate_" + environment.replace('-', '_');
  }
}
