package dev.parity.toolchain;

/**
 * One line of {@code parity doctor}: what was looked for, what was found, and how to fix it.
 *
 * @param name the tool ("opentofu", "postgresql 16.4")
 * @param pinned the version the toolchain pins
 * @param found the version found, or null when missing
 * @param location where it was looked for or found
 * @param ok true when the found version is the pinned one and works
 * @param problem what is wrong, empty when ok
 * @param fix the exact command that fixes it, empty when ok
 */
public record ToolCheck(
    String name,
    String pinned,
    String found,
    String location,
    boolean ok,
    String problem,
    String fix) {

  static ToolCheck ok(String name, String pinned, String found, String location) {
    return new ToolCheck(name, pinned, found, location, true, "", "");
  }

  static ToolCheck bad(
      String name, String pinned, String found, String location, String problem, String fix) {
    return new ToolCheck(name, pinned, found, location, false, problem, fix);
  }
}
