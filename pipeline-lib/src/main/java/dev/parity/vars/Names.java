package dev.parity.vars;

import java.util.regex.Pattern;

/**
 * The patterns of what parity reads as a name or a version, in one place: the validator, the JSON
 * Schema, the inventory, the CLI and the Jenkins steps (checked by a test) all use these.
 */
public final class Names {
  /**
   * A name that may become a file name, a host or group name, a directory or a shell word:
   * environments, roles, services, secrets, settings.
   */
  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

  /** A declared version: numbers separated by dots, "16.4" or "1.6.18". */
  public static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+){1,3}");

  /** The name of a process environment variable that a secret reference reads. */
  public static final Pattern ENV_VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private Names() {}
}
