package dev.parity.workdir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The work directory (default {@code .parity/}): per-environment directories, history, secrets,
 * reports.
 */
public record WorkDir(Path root) {

  public WorkDir {
    root = root.toAbsolutePath().normalize();
  }

  public EnvironmentDir environment(String name) {
    if (!EnvironmentName.isValid(name)) {
      throw new IllegalArgumentException(EnvironmentName.whyInvalid(name));
    }
    return new EnvironmentDir(root.resolve(name));
  }

  /**
   * The environments with a recorded inventory (their last apply), by name: what {@code down --all}
   * stops. Directories whose names are not environment names (secrets, runs, history, nodes, ...)
   * are never taken for one.
   */
  public List<String> deployedEnvironments() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.map(p -> p.getFileName().toString())
          .filter(EnvironmentName::isValid)
          .filter(n -> Files.isRegularFile(environment(n).inventory()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the work dir " + root, e);
    }
  }

  /** Generated secrets of an environment (mode 0700 directory, 0600 files). */
  public Path secrets(String environment) {
    return root.resolve("secrets").resolve(environment);
  }
}
