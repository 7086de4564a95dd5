package dev.parity.toolchain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The pinned tool versions, read from {@code toolchain.properties} (the repository's one list of
 * versions, built into the jar).
 *
 * @param opentofu the OpenTofu release, e.g. "1.10.10"
 * @param ansibleCore the ansible-core release on PyPI
 * @param postgresql the PostgreSQL server versions, e.g. ["16.2", "16.4", "17.2"]
 * @param memcached the memcached release
 */
public record Toolchain(
    String opentofu, String ansibleCore, List<String> postgresql, String memcached) {

  public static final String RESOURCE = "/toolchain.properties";

  public Toolchain {
    postgresql = List.copyOf(postgresql);
  }

  public static Toolchain pinned() {
    try (InputStream in = Toolchain.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "toolchain.properties is not on the classpath; rebuild with ./parity");
      }
      Properties p = new Properties();
      p.load(in);
      return fromProperties(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Toolchain fromProperties(Properties p) {
    return new Toolchain(
        required(p, "opentofu.version"),
        required(p, "ansible-core.version"),
        Arrays.stream(required(p, "postgresql.versions").split(",")).map(String::strip).toList(),
        required(p, "memcached.version"));
  }

  private static String required(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("toolchain.properties: missing key " + key);
    }
    return value.strip();
  }
}
