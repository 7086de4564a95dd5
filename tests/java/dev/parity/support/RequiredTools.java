package dev.parity.support;

import static org.assertj.core.api.Assertions.fail;

import dev.parity.process.ExecProcessRunner;
import dev.parity.toolchain.Doctor;
import dev.parity.toolchain.ToolCache;
import dev.parity.toolchain.ToolCheck;
import dev.parity.toolchain.ToolDescriptor;
import dev.parity.toolchain.Toolchain;
import java.nio.file.Path;
import java.util.List;

/**
 * The real tools for integration tests. A missing tool fails the test with doctor's own message and
 * fix; nothing is skipped silently.
 */
public final class RequiredTools {
  public static final Toolchain TOOLCHAIN = Toolchain.pinned();
  public static final ToolCache CACHE = ToolCache.fromEnvironment();

  private RequiredTools() {}

  /**
   * The program of the named tool ("opentofu", "postgresql 16.4", "memcached"), checked by doctor
   * first.
   */
  public static Path require(String name) {
    Doctor doctor =
        new Doctor(
            TOOLCHAIN, CACHE, new ExecProcessRunner(), System.getenv(), Path.of("terraform"));
    ToolDescriptor descriptor =
        ToolDescriptor.all(TOOLCHAIN, CACHE).stream()
            .filter(d -> d.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no pinned tool named " + name));
    ToolCheck check = doctor.check(descriptor);
    if (!check.ok()) {
      fail(
          "integration test needs a tool that parity doctor does not accept:%n%s",
          Doctor.format(List.of(check)));
    }
    return Path.of(check.location());
  }
}
