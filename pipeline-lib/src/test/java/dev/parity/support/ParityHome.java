package dev.parity.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A parity home for one test: copies of the repository's vars/ and terraform/ that the test may edit, and a work
 * dir, all under a temporary directory that the unprivileged service user can reach.
 */
public final class ParityHome implements AutoCloseable {
  /** A resource whose creation takes seconds, so that a test can act while an apply runs. */
  public static final String SLOW_RESOURCE = """
      resource "terraform_data" "slow" {
        input = var.environment
        provisioner "local-exec" {
          command = "sleep 6"
        }
      }
      """;

  public static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  private final Path root;

  private ParityHome(Path root) {
    this.root = root;
  }

  public static ParityHome copyOfRepository() throws IOException {
    Path root = Files.createTempDirectory("parity-home-");
    root.toFile().setExecutable(true, false);
    root.toFile().setReadable(true, false);
    copyTree(REPOSITORY.resolve("vars"), root.resolve("vars"));
    copyTree(REPOSITORY.resolve("terraform"), root.resolve("terraform"));
    copyTree(REPOSITORY.resolve("playbooks"), root.resolve("playbooks"));
    return new ParityHome(root);
  }

  public Path root() {
    return root;
  }

  public Path vars() {
    return root.resolve("vars");
  }

  public Path terraform() {
    return root.resolve("terraform");
  }

  public Path work() {
    return root.resolve(".parity");
  }

  /** The process environment for parity: this home, plus the caller's. */
  public Map<String, String> env(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PARITY_HOME", root.toString());
    env.putAll(extra);
    return env;
  }

  public void write(String relative, String content) {
    try {
      Files.writeString(root.resolve(relative), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void append(String relative, String content) {
    try {
      Files.writeString(root.resolve(relative), Files.readString(root.resolve(relative)) + content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
