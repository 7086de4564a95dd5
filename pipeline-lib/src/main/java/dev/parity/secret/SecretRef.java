package dev.parity.secret;

import java.nio.file.Path;

/** Where a secret's value comes from. A spec holds only references; values are read at run time. */
public sealed interface SecretRef {
  /** The secret's name in the variable set. */
  String name();

  /** From an environment variable (e.g. one set by Jenkins withCredentials). */
  record FromEnv(String name, String variable) implements SecretRef {}

  /** From a file (already resolved against the vars directory). */
  record FromFile(String name, Path file) implements SecretRef {}

  /**
   * Generated once per environment into the work dir, mode 0600 (for local stacks and the lab): a
   * random password, or an Ed25519 SSH key pair (the public half beside it, {@code NAME.pub}).
   */
  record Generated(String name, Kind kind) implements SecretRef {}

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
