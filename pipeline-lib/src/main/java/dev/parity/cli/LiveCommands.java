package dev.parity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.assertion.EnvironmentAssertions;
import dev.parity.assertion.LiveAssertions;
import dev.parity.probe.ProbePool;
import dev.parity.render.SecretHandoff;
import dev.parity.secret.SecretResolver;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.workdir.WorkDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** Shared by assert and status: probe one environment's live services. */
final class LiveCommands {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LiveCommands() {
  }

  /** The environment's assertions, or empty when it has no inventory (never applied). */
  static Optional<EnvironmentAssertions> check(Context context, Path workDir, EnvironmentSpec spec) {
    WorkDir work = new WorkDir(workDir);
    Path inventory = work.environment(spec.name()).inventory();
    if (!Files.isRegularFile(inventory)) {
      return Optional.empty();
    }
    try {
      JsonNode inv = JSON.readTree(inventory.toFile());
      SecretHandoff secrets = SecretHandoff.resolve(spec, new SecretResolver(context.env(),
          work.secrets(spec.name())));
      LiveAssertions live = new LiveAssertions(new ProbePool(ProbePool.DEFAULT_THREADS), context.runner(),
          LiveAssertions.DEFAULT_TIMEOUT, Clock.systemUTC());
      return Optional.of(live.check(spec, inv, secrets.values()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
