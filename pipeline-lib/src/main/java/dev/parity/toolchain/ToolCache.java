package dev.parity.toolchain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the pinned tools live: {@code $PARITY_TOOLS_HOME}, else {@code ~/.cache/parity}. Each tool
 * version has its own directory, complete only once its marker file is written (the last step of
 * its install).
 */
public record ToolCache(Path root) {
  public static final String ENV = "PARITY_TOOLS_HOME";
  static final String MARKER = ".parity-installed";

  public static ToolCache fromEnvironment(Map<String, String> env) {
    String configured = env.get(ENV);
    if (configured != null && !configured.isBlank()) {
      return new ToolCache(Path.of(configured).toAbsolutePath());
    }
    return new ToolCache(Path.of(System.getProperty("user.home"), ".cache", "parity"));
  }

  public static ToolCache fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  public Path opentofuDir(String version) {
    return root.resolve("opentofu").resolve(version);
  }

  public Path tofu(String version) {
    return opentofuDir(version).resolve("tofu");
  }

  public Path ansibleDir(String version) {
    return root.resolve("ansible-core").resolve(version);
  }

  public Path ansiblePlaybook(String version) {
    return ansibleDir(version).resolve("bin").resolve("ansible-playbook");
  }

  /**
   * A program the cache installs (tofu, ansible-playbook): the pinned version's when it is there,
   * else another version's; empty for a program the cache does not install.
   */
  public java.util.Optional<Path> program(String program, Toolchain pinned) {
    Path versions;
    Path wanted;
    switch (program) {
      case "tofu" -> {
        versions = opentofuDir(pinned.opentofu()).getParent();
        wanted = tofu(pinned.opentofu());
      }
      case "ansible-playbook" -> {
        versions = ansibleDir(pinned.ansibleCore()).getParent();
        wanted = ansiblePlaybook(pinned.ansibleCore());
      }
      default -> {
        return java.util.Optional.empty();
      }
    }
    if (Files.isExecutable(wanted)) {
      return java.util.Optional.of(wanted);
    }
    if (!Files.isDirectory(versions)) {
      return java.util.Optional.empty();
    }
    try (java.util.stream.Stream<Path> dirs = Files.list(versions)) {
      return dirs.sorted()
          .flatMap(v -> java.util.stream.Stream.of(v.resolve(program), v.resolve("bin/" + program)))
          .filter(Files::isExecutable)
          .findFirst();
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  /** The PostgreSQL builds, one directory per version. */
  public Path postgresqlBuilds() {
    return root.resolve("postgresql");
  }

  public Path postgresqlDir(String version) {
    return postgresqlBuilds().resolve(version);
  }

  /** The filesystem mirror that {@code tofu init} installs providers from; never a registry. */
  public Path providerMirror() {
    return root.resolve("providers");
  }

  /** The CLI configuration that points the engine at {@link #providerMirror()} only. */
  public Path cliConfig() {
    return root.resolve("tofurc");
  }

  Path scratch(String name) {
    return root.resolve("build").resolve(name);
  }

  /** True when the directory's install finished (its marker names this version). */
  public static boolean isComplete(Path dir, String version) {
    Path marker = dir.resolve(MARKER);
    try {
      return Files.isRegularFile(marker)
          && Files.readString(marker, StandardCharsets.UTF_8).strip().equals(version);
    } catch (IOException e) {
      return false;
    }
  }

  static void markComplete(Path dir, String version) throws IOException {
    Files.writeString(dir.resolve(MARKER), version + "\n", StandardCharsets.UTF_8);
  }
}
