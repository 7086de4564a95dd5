package dev.parity.toolchain;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How to recognise one pinned tool: where its program is, how to ask its version, and the version
 * it must report.
 *
 * @param name the tool's name in doctor's output
 * @param pinned the pinned version as written in toolchain.properties
 * @param program an absolute path, or a bare name looked up on PATH
 * @param versionArgs the arguments that make it print its version
 * @param versionRegex group 1 captures the version from that output
 * @param expected the version the program must print (PostgreSQL 16.4 prints "16.4")
 * @param installDir the tool-cache directory whose marker says the install finished; null for
 *     system packages
 * @param fix the command that installs it
 */
public record ToolDescriptor(
    String name,
    String pinned,
    Path program,
    List<String> versionArgs,
    Pattern versionRegex,
    String expected,
    Path installDir,
    String fix) {

  public ToolDescriptor {
    versionArgs = List.copyOf(versionArgs);
  }

  static final String INSTALL = "./parity tools install";

  static ToolDescriptor opentofu(Toolchain t, ToolCache c) {
    return new ToolDescriptor(
        "opentofu",
        t.opentofu(),
        c.tofu(t.opentofu()),
        List.of("version"),
        Pattern.compile("OpenTofu v(\\S+)"),
        t.opentofu(),
        c.opentofuDir(t.opentofu()),
        INSTALL);
  }

  static ToolDescriptor ansible(Toolchain t, ToolCache c) {
    return new ToolDescriptor(
        "ansible-core",
        t.ansibleCore(),
        c.ansiblePlaybook(t.ansibleCore()),
        List.of("--version"),
        Pattern.compile("\\[core ([^\\]]+)\\]"),
        t.ansibleCore(),
        c.ansibleDir(t.ansibleCore()),
        INSTALL);
  }

  static ToolDescriptor postgresql(String version, ToolCache c) {
    Path dir = c.postgresqlDir(version);
    return new ToolDescriptor(
        "postgresql " + version,
        version,
        dir.resolve("bin").resolve("postgres"),
        List.of("--version"),
        Pattern.compile("postgres \\(PostgreSQL\\) (\\S+)"),
        version,
        dir,
        INSTALL);
  }

  static ToolDescriptor memcached(Toolchain t) {
    String fix =
        ServiceUser.isRoot()
            ? INSTALL + "   (runs: apt-get install memcached=" + t.memcached() + "*)"
            : "sudo apt-get install -y memcached=" + t.memcached() + "*";
    return new ToolDescriptor(
        "memcached",
        t.memcached(),
        Path.of("memcached"),
        List.of("-V"),
        Pattern.compile("memcached (\\S+)"),
        t.memcached(),
        null,
        fix);
  }

  /** Every pinned tool, in the order doctor lists them and the installer installs them. */
  public static List<ToolDescriptor> all(Toolchain t, ToolCache c) {
    var list = new java.util.ArrayList<ToolDescriptor>();
    list.add(opentofu(t, c));
    list.add(ansible(t, c));
    t.postgresql().forEach(v -> list.add(postgresql(v, c)));
    list.add(memcached(t));
    return List.copyOf(list);
  }
}
