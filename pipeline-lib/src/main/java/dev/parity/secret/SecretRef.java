package dev.parity.secret;

import java.nio.file.Path;

/** Where a secret's value comes from. A spec holds only references; values are read at run time. */
public sealed interface SecretRef {
  /** The secret's name in the variable set. */
  String name();

  /** The variable the playbooks read it from: {@code PARITY_SECRET_<NAME>}. */
  static String variable(String secretName) {
    return "PARITY_SECRET_" + secretName.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
  }

  /**
   * Where the variable set declares it ({@code FILE:LINE:COL}), for the one message a missing value
   * gets; null when not from a file.
   */
  String origin();

  /** From an environment variable (e.g. one set by Jenkins withCredentials). */
  record FromEnv(String name, String variable, String origin) implements SecretRef {
    public FromEnv(String name, String variable) {
      this(name, variable, null);
    }
  }

  /**
   * From the file whose path an environment variable holds: Jenkins file and SSH private key
   * credentials are bound that way (the value never passes through the variable).
   */
  record FromEnvFile(String name, String variable, String origin) implements SecretRef {}

  /** From a file (already resolved against the vars directory). */
  record FromFile(String name, Path file, String origin) implements SecretRef {
    public FromFile(String name, Path file) {
      this(name, file, null);
    }
  }

  /**
   * Generated once per environment and kept where the environment's records are (the work dir, or
   * the shared store): a random password, or an Ed25519 SSH key pair.
   */
  record Generated(String name, Kind kind, String origin) implements SecretRef {
    public Generated(String name, Kind kind) {
      this(name, kind, null);
    }
  }

  /** What a generated secret is. */
  enum Kind {
    PASSWORD,
    SSH_KEY;

    /** The spelling in a variable set ({@code kind: ssh-key}). */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }
}
