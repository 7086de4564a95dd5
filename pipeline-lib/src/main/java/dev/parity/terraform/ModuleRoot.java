package dev.parity.terraform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The working root the engine runs in for one environment: a link to every top-level entry of the
 * team's module (so relative module sources still resolve) plus a generated backend file that puts
 * this environment's state where it belongs. The module directory itself is never written to. A
 * module that declares its own backend keeps it.
 */
public final class ModuleRoot {
  static final String BACKEND_FILE = "_parity_backend.tf";
  private static final List<String> NEVER_LINKED =
      List.of(
          ".terraform",
          "terraform.tfstate",
          "terraform.tfstate.backup",
          ".terraform.tfstate.lock.info",
          BACKEND_FILE);

  private ModuleRoot() {}

  /** The backend block parity writes. */
  public sealed interface Backend {
    String hcl();
  }

  public record LocalBackend(Path statePath) implements Backend {
    @Override
    public String hcl() {
      return "terraform {\n  backend \"local\" {\n    path = \""
          + hclString(statePath.toString())
          + "\"\n  }\n}\n";
    }
  }

  /**
   * The connection string comes from PG_CONN_STR in the engine's environment, never from this file.
   */
  public record PgBackend(String schemaName) implements Backend {
    @Override
    public String hcl() {
      return "terraform {\n  backend \"pg\" {\n    schema_name = \""
          + hclString(schemaName)
          + "\"\n  }\n}\n";
    }
  }

  /**
   * Links the module into {@code root} and writes {@code backend} there, or no backend file when it
   * is empty (the module declares its own: {@link ModuleInterface#ownBackend()}).
   */
  public static void prepare(Path module, Path root, Optional<Backend> backend) throws IOException {
    if (!Files.isDirectory(module)) {
      throw new IOException(
          "the Terraform module " + module + " does not exist (terraform.module in the var set)");
    }
    Files.createDirectories(root);
    try (Stream<Path> old = Files.list(root)) {
      for (Path p : old.toList()) {
        if (Files.isSymbolicLink(p) || p.getFileName().toString().equals(BACKEND_FILE)) {
          Files.delete(p);
        }
      }
    }
    try (Stream<Path> entries = Files.list(module)) {
      for (Path p : entries.sorted(Comparator.naturalOrder()).toList()) {
        String name = p.getFileName().toString();
        if (NEVER_LINKED.contains(name)) {
          continue;
        }
        Files.createSymbolicLink(root.resolve(name), p.toAbsolutePath());
      }
    }
    if (backend.isPresent()) {
      Files.writeString(
          root.resolve(BACKEND_FILE),
          "# Written by parity for this environment; do not edit.\n" + backend.get().hcl());
    }
  }

  static String hclString(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("${", "$${");
  }
}
