package dev.parity.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files only the owner may read (mode 0600): plans, tool output, anything that may hold a secret.
 */
public final class PrivateFiles {
  private PrivateFiles() {}

  public static OutputStream newOutputStream(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    return Files.newOutputStream(
        file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** Writes the text to a fresh 0600 file (replacing any old one). */
  public static void write(Path file, String text) throws IOException {
    try (OutputStream out = newOutputStream(file)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A directory only the owner may enter (0700), made with its parents; kept if it exists. */
  public static void createDirectory(Path dir) throws IOException {
    Files.createDirectories(dir.toAbsolutePath().getParent());
    if (!Files.isDirectory(dir)) {
      Files.createDirectory(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
  }

  /** Removes a directory and everything in it; quietly does nothing when it is not there. */
  public static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot remove " + dir, e);
    }
  }
}
