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

  /** Generated once per environment into the work dir, mode 0600 (for local stacks). */
  record Generated(String name) implements SecretRef {}
}
