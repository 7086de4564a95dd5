package dev.parity.terraform;

import dev.parity.error.ParityException;
import dev.parity.toolchain.ToolCache;
import dev.parity.toolchain.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Terraform-compatible engine: the pinned OpenTofu from the tool cache, or the binary named by
 * {@code PARITY_ENGINE} (a {@code terraform} or {@code tofu} a team already runs).
 *
 * @param binary the program
 * @param cliConfig the CLI configuration that allows only the provider filesystem mirror
 * @param reader the program that describes a module's declarations ({@code show -json -module}):
 *     the pinned OpenTofu when it is installed, the engine otherwise (a team's terraform reads the
 *     same language, but only OpenTofu 1.11 and later describe a module without a plan)
 */
public record Engine(Path binary, Path cliConfig, Path reader) {
  public static final String ENV = "PARITY_ENGINE";

  public static Engine resolve(Toolchain toolchain, ToolCache cache, Map<String, String> env) {
    String override = env.get(ENV);
    Path binary =
        override != null && !override.isBlank()
            ? Path.of(override)
            : cache.tofu(toolchain.opentofu());
    if (!Files.isExecutable(binary)) {
      throw new ParityException(
          "the engine "
              + binary
              + " is not installed; run ./parity tools install"
              + (override != null ? " (or fix " + ENV + ")" : "")
              + ", then ./parity doctor");
    }
    Path pinned = cache.tofu(toolchain.opentofu());
    return new Engine(binary, cache.cliConfig(), Files.isExecutable(pinned) ? pinned : binary);
  }

  /** "tofu" or "terraform", for messages and commands shown to users. */
  public String name() {
    return binary.getFileName().toString();
  }
}
