package dev.parity.workdir;

import dev.parity.vars.EnvironmentName;
import java.nio.file.Path;

/** The work directory (default {@code .parity/}): per-environment directories, history, secrets, reports. */
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

  /** Generated secrets of an environment (mode 0700 directory, 0600 files). */
  public Path secrets(String environment) {
    return root.resolve("secrets").resolve(environment);
  }
}
