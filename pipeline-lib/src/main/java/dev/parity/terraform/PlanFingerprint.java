package dev.parity.terraform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * What a plan was made from: the rendered variables and the module's files. Apply refuses a plan
 * whose inputs have changed since, naming which.
 *
 * @param vars SHA-256 of the rendered variables
 * @param module SHA-256 over the module's files (paths and contents)
 */
public record PlanFingerprint(String vars, String module) {

  public static PlanFingerprint of(String renderedVars, Path module) {
    return new PlanFingerprint(
        sha256(renderedVars.getBytes(StandardCharsets.UTF_8)), moduleHash(module));
  }

  /** One string for records: vars and module hashes. */
  @Override
  public String toString() {
    return "vars:" + vars + " module:" + module;
  }

  static String moduleHash(Path module) {
    try (Stream<Path> files = Files.walk(module)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path f :
          files
              .filter(Files::isRegularFile)
              .filter(f -> !module.relativize(f).toString().startsWith(".terraform"))
              .sorted()
              .toList()) {
        digest.update(module.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        try (var in = Files.newInputStream(f)) {
          // streamed: a module may hold files far larger than memory
          byte[] buffer = new byte[64 * 1024];
          for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
          }
        }
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the module " + module, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
