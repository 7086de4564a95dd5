package dev.parity.workdir;

import dev.parity.text.Names;
import java.util.regex.Pattern;

/**
 * Environment names come from file names and the command line, and become directory and state
 * names.
 */
public final class EnvironmentName {
  private static final Pattern VALID = Names.NAME;

  private EnvironmentName() {}

  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches();
  }

  /** Why the name is unusable, for messages; the name is shown with control characters escaped. */
  public static String whyInvalid(String name) {
    return "invalid environment name "
        + "'"
        + dev.parity.text.Untrusted.visible(
            name == null ? "" : name.length() > 80 ? name.substring(0, 80) + "..." : name)
        + "'"
        + ": use lower-case letters, digits, - and _, starting with a letter (it names files and directories, so "
        + "/, .., spaces and shell characters are refused)";
  }
}
