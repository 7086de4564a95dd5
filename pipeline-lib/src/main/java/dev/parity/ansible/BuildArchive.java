package dev.parity.ansible;

import dev.parity.process.ParityException;
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
 * A PostgreSQL build of the tool cache packed once per version into one archive, with its SHA-256
 * and architecture, so the role can push it to any node (over SSH or not), verify the checksum
 * there, and refuse a node of another architecture.
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
    Path archive =
        builds.resolve("archives").resolve("postgresql-" + version + "-linux-" + ARCH + ".tar.gz");
    Path sum = archive.resolveSibling(archive.getFileName() + ".sha256");
    try {
      if (!Files.isRegularFile(sum) || !Files.isRegularFile(archive)) {
        Files.createDirectories(archive.getParent());
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
        runner
            .run(
                ProcessSpec.of(
                    "tar",
                    List.of("tar", "-czf", partial.toString(), "-C", build.toString(), "."),
                    builds,
                    Duration.ofMinutes(5)))
            .orThrow();
        Files.move(
            partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        // The checksum last: an archive without one is made again.
        Files.writeString(sum, sha256(archive) + "\n");
      }
      return new BuildArchive(archive, Files.readString(sum).strip(), ARCH);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pack PostgreSQL " + version + " into " + archive, e);
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
