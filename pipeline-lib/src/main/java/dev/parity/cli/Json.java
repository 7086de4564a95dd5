package dev.parity.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The commands' one object mapper, made on first use: picocli builds every command at start, and a
 * mapper made there cost every command, even {@code --version}, a fifth of a second (BENCHMARKS.md,
 * CLI start).
 */
final class Json {
  private Json() {}

  static ObjectMapper mapper() {
    return Holder.MAPPER;
  }

  private static final class Holder {
    static final ObjectMapper MAPPER =
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }
}
