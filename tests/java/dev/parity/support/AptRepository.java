package dev.parity.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * A Debian package repository on this machine's disk that apt really installs from: one small
 * command-line tool built by dpkg-deb at several versions, so a test can put a node on one version
 * and have the variable set declare another. Registered as an apt source (trusted: it exists only
 * for the test) and removed with everything it installed by {@link #close()}.
 */
public final class AptRepository implements AutoCloseable {
  private final Path dir;
  private final String tool;
  private final Path source;

  private AptRepository(Path dir, String tool, Path source) {
    this.dir = dir;
    this.tool = tool;
    this.source = source;
  }

  /**
   * What one package version holds: fills the package's root directory (its files, as installed).
   */
  @FunctionalInterface
  public interface Contents {
    void fill(Path root, String version) throws Exception;
  }

  /**
   * A repository holding {@code tool} at each version: a package of that name whose program prints
   * "{@code tool} version X" to {@code --version}. Registered as an apt source of this machine.
   */
  public static AptRepository withTool(String tool, String... versions) throws Exception {
    AptRepository repo =
        build(
            tool,
            List.of(versions),
            (root, version) -> {
              Path bin = root.resolve("usr/bin/" + tool);
              Files.createDirectories(bin.getParent());
              Files.writeString(
                  bin,
                  "#!/bin/sh\n"
                      + "case \"$1\" in --version) echo \""
                      + tool
                      + " version "
                      + version
                      + "\" ;; *) echo \"usage: "
                      + tool
                      + " --version\" >&2; exit 2 ;; esac\n");
              Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
            });
    Files.writeString(repo.source, repo.sourceLine() + "\n");
    // Read only this source, keeping every other list: the playbook's own update may reuse them.
    repo.apt(
        "update",
        "-o",
        "Dir::Etc::sourcelist=" + repo.source,
        "-o",
        "Dir::Etc::sourceparts=-",
        "-o",
        "APT::Get::List-Cleanup=0");
    return repo;
  }

  /**
   * A repository holding a PostgreSQL server package at each Debian version ("16.2-1"): the tool
   * cache's real build of that upstream version, installed under {@code prefix} (bin, lib, share).
   * Not registered on this machine: a variable set's install.repository names it ({@link
   * #sourceLine()}), and parity adds it to the nodes.
   */
  public static AptRepository withPostgresqlServer(
      String packageName, String prefix, String... debianVersions) throws Exception {
    return build(
        packageName,
        List.of(debianVersions),
        (root, version) -> {
          String upstream = version.substring(0, version.indexOf('-'));
          Path build = RequiredTools.require("postgresql " + upstream).getParent().getParent();
          Path target = root.resolve(prefix.substring(1));
          Files.createDirectories(target.getParent());
          Commands.ok("cp", "-a", build.toString(), target.toString());
          Files.deleteIfExists(target.resolve(".parity-installed"));
        });
  }

  private static AptRepository build(String name, List<String> versions, Contents contents)
      throws Exception {
    Path dir = Files.createTempDirectory("parity-apt-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    StringBuilder packages = new StringBuilder();
    for (String version : versions) {
      Path root = dir.resolve("build-" + version);
      contents.fill(root, version);
      String control =
          "Package: "
              + name
              + "\nVersion: "
              + version
              + "\nArchitecture: all\nMaintainer: parity tests <tests@parity.invalid>\n"
              + "Description: a package at a known version for parity's tests\n";
      Files.createDirectories(root.resolve("DEBIAN"));
      Files.writeString(root.resolve("DEBIAN/control"), control);
      String deb = name + "_" + version + "_all.deb";
      // uncompressed: a PostgreSQL build is large, and this disk is the only place it travels
      Commands.ok(
          "dpkg-deb",
          "--root-owner-group",
          "-Znone",
          "--build",
          root.toString(),
          dir.resolve(deb).toString());
      ParityHome.deleteTree(root);
      byte[] digest;
      long size = Files.size(dir.resolve(deb));
      try (var in = Files.newInputStream(dir.resolve(deb))) {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
          sha.update(buffer, 0, n);
        }
        digest = sha.digest();
      }
      packages
          .append(control)
          .append("Filename: ./")
          .append(deb)
          .append("\nSize: ")
          .append(size)
          .append("\nSHA256: ")
          .append(HexFormat.of().formatHex(digest))
          .append("\n\n");
    }
    Files.writeString(dir.resolve("Packages"), packages.toString(), StandardCharsets.UTF_8);
    return new AptRepository(
        dir, name, Path.of("/etc/apt/sources.list.d/" + dir.getFileName() + ".list"));
  }

  /** This repository as one apt source line, trusted (it exists only for the test). */
  public String sourceLine() {
    return "deb [trusted=yes] file:" + dir + " ./";
  }

  /** Installs this version of the tool, downgrading when a newer one is there. */
  public void install(String version) throws Exception {
    apt("install", "--allow-downgrades", tool + "=" + version);
  }

  /** The version dpkg has installed, or "" when none. */
  public String installed() throws Exception {
    Process p =
        new ProcessBuilder("dpkg-query", "-W", "-f=${db:Status-Abbrev}${Version}", tool)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out.startsWith("ii") ? out.substring(2).strip() : "";
  }

  private void apt(String... args) throws Exception {
    List<String> argv = new java.util.ArrayList<>(List.of("apt-get", "-q", "-y"));
    argv.addAll(List.of(args));
    Commands.ok(argv.toArray(String[]::new));
  }

  @Override
  public void close() throws Exception {
    try {
      apt("purge", tool);
    } finally {
      Files.deleteIfExists(source);
      // apt names a source's lists after its URI: file:/tmp/parity-apt-X -> _tmp_parity-apt-X_...
      String listPrefix = dir.toString().replace('/', '_');
      try (DirectoryStream<Path> lists =
          Files.newDirectoryStream(Path.of("/var/lib/apt/lists"), listPrefix + "*")) {
        for (Path list : lists) {
          Files.deleteIfExists(list);
        }
      }
      ParityHome.deleteTree(dir);
    }
  }

  @Override
  public String toString() {
    return dir.toString();
  }
}
