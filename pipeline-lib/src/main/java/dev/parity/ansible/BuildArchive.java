package dev.parity.ansible;

import dev.parity.error.ParityException;
import dev.parity.process.ProcessRunner;
import dev.parity.process.ProcessSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * What the tool cache holds for a node, packed once into one archive, with its SHA-256 and
 * architecture, so a role can push it to any node (over SSH or not), verify the checksum there, and
 * refuse a node of another architecture: a PostgreSQL build, or a developer tool.
 *
 * @param path the archive (tar.gz) on the controller
 * @param sha256 its SHA-256, hex
 * @param arch the architecture the build runs on, as {@code uname -m} prints it
 */
public record BuildArchive(Path path, String sha256, String arch) {
  /** The zonky builds parity installs are linux-amd64. */
  static final String ARCH = "x86_64";

  /** The archive of {@code <builds>/<version>}, made beside it (under archives/) when missing. */
  public static BuildArchive of(Path builds, String version, ProcessRunner runner) {
    Path build = builds.resolve(version);
    if (!Files.isDirectory(build.resolve("bin"))) {
      throw new ParityException(
          "PostgreSQL "
              + version
              + " is not in the tool cache ("
              + build
              + "): run ./parity tools install");
    }
    return packed(
        build,
        builds.resolve("archives").resolve("postgresql-" + version + "-linux-" + ARCH + ".tar.gz"),
        ARCH,
        runner);
  }

  /**
   * A developer tool from the tool cache: a .tar.gz there as it is, or a directory there packed
   * under {@code <cache>/archives/tools/} (again whenever a file in it is newer than the archive).
   * Built for this machine, so of its architecture.
   */
  public static BuildArchive ofTool(Path cache, String relative, ProcessRunner runner) {
    Path source = cache.resolve(relative).normalize();
    boolean tarball =
        Files.isRegularFile(source) && (relative.endsWith(".tar.gz") || relative.endsWith(".tgz"));
    if (!tarball && !Files.isDirectory(source)) {
      throw new ParityException(
          relative
              + " is not in the tool cache ("
              + cache
              + "): a directory or a .tar.gz there is expected");
    }
    Path archive =
        tarball
            ? source
            : cache.resolve("archives/tools").resolve(relative.replace('/', '_') + ".tar.gz");
    // The checksum is kept beside what parity packs (for a tarball: under archives/tools), and
    // made again when the source changed after it.
    Path sum =
        cache.resolve("archives/tools").resolve(relative.replace('/', '_') + ".tar.gz.sha256");
    try {
      if (Files.isRegularFile(sum)
          && newestIn(source) > Files.getLastModifiedTime(sum).toMillis()) {
        Files.delete(sum);
      }
      if (!tarball) {
        return packed(source, archive, controllerArch(), runner);
      }
      if (!Files.isRegularFile(sum)) {
        Files.createDirectories(sum.getParent());
        Files.writeString(sum, sha256(source) + "\n");
      }
      return new BuildArchive(source, Files.readString(sum).strip(), controllerArch());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pack " + relative + " from the tool cache", e);
    }
  }

  /** The architecture of this machine as {@code uname -m} names it. */
  static String controllerArch() {
    String arch = System.getProperty("os.arch");
    return switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch64";
      default -> arch;
    };
  }

  private static long newestIn(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      long newest = 0;
      for (Path p : walk.toList()) {
        newest = Math.max(newest, Files.getLastModifiedTime(p).toMillis());
      }
      return newest;
    }
  }

  /** The directory packed into the archive unless a finished one is there (its checksum last). */
  private static BuildArchive packed(Path dir, Path archive, String arch, ProcessRunner runner) {
    Path sum = archive.resolveSibling(archive.getFileName() + ".sha256");
    try {
      if (!Files.isRegularFile(sum) || !Files.isRegularFile(archive)) {
        Files.createDirectories(archive.getParent());
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
        runner
            .run(
                ProcessSpec.of(
                    "tar",
                    List.of("tar", "-czf", partial.toString(), "-C", dir.toString(), "."),
                    dir,
                    Duration.ofMinutes(5)))
            .orThrow();
        Files.move(
            partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        // The checksum last: an archive without one is made again.
        Files.writeString(sum, sha256(archive) + "\n");
      }
      return new BuildArchive(archive, Files.readString(sum).strip(), arch);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pack " + dir + " into " + archive, e);
    }
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
