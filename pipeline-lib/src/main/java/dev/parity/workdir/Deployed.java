package dev.parity.workdir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.error.ParityException;
import dev.parity.process.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * What was deployed, as recorded beside the inventory when it was written: whether the environment
 * is protected. {@code down} reads it, so protection holds even when the variable set no longer
 * loads or no longer says so.
 */
public final class Deployed {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Deployed() {}

  public static void record(EnvironmentDir dir, String environment, boolean isProtected) {
    ObjectNode n = JSON.createObjectNode();
    n.put("environment", environment);
    n.put("protected", isProtected);
    try {
      PrivateFiles.write(dir.deployed(), JSON.writeValueAsString(n) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether it was protected when deployed; empty when nothing records it. */
  public static Optional<Boolean> wasProtected(EnvironmentDir dir) {
    if (!Files.isRegularFile(dir.deployed())) {
      return Optional.empty();
    }
    try {
      JsonNode flag = JSON.readTree(dir.deployed().toFile()).path("protected");
      if (!flag.isBoolean()) {
        throw new ParityException(dir.deployed() + ": \"protected\" is not true or false");
      }
      return Optional.of(flag.booleanValue());
    } catch (IOException e) {
      // A record parity cannot read is no proof that the environment is unprotected.
      throw new ParityException(dir.deployed() + ": unreadable (" + e.getMessage() + ")");
    }
  }

  public static void remove(EnvironmentDir dir) {
    try {
      Files.deleteIfExists(dir.deployed());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
