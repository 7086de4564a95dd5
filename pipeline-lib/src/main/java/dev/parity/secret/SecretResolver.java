package dev.parity.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Reads secret values at run time, and tells without reading them whether they can be read. Values
 * never appear in messages.
 *
 * @param env the process environment
 * @param storeDir where generated secrets live: {@code <work dir>/secrets/<environment>}
 */
public record SecretResolver(Map<String, String> env, Path storeDir) {

  /** Why the reference cannot be resolved, or empty when it can. Creates nothing. */
  public Optional<String> unresolvable(SecretRef ref) {
    if (ref instanceof SecretRef.FromEnv e) {
      String value = env.get(e.variable());
      return value != null && !value.isEmpty()
          ? Optional.empty()
          : Optional.of("environment variable " + e.variable() + " is not set");
    }
    if (ref instanceof SecretRef.FromFile f) {
      return Files.isRegularFile(f.file()) && Files.isReadable(f.file())
          ? Optional.empty()
          : Optional.of("file " + f.file() + " does not exist or is not readable");
    }
    return Optional.empty();
  }

  /**
   * The value; a generated secret is created on first use (0600). Throws naming the secret, never
   * its value.
   */
  public String resolve(SecretRef ref) {
    unresolvable(ref)
        .ifPresent(
            why -> {
              throw new IllegalStateException("secret '" + ref.name() + "' cannot be read: " + why);
            });
    try {
      if (ref instanceof SecretRef.FromEnv e) {
        return env.get(e.variable());
      }
      if (ref instanceof SecretRef.FromFile f) {
        return Files.readString(f.file(), StandardCharsets.UTF_8).strip();
      }
      return generated((SecretRef.Generated) ref);
    } catch (IOException e) {
      throw new UncheckedIOException("secret '" + ref.name() + "' cannot be read", e);
    }
  }

  private String generated(SecretRef.Generated ref) throws IOException {
    String name = ref.name();
    Path file = storeDir.resolve(name);
    if (Files.isRegularFile(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
    Files.createDirectories(
        storeDir,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    String value;
    if (ref.kind() == SecretRef.Kind.SSH_KEY) {
      SshKeys.Pair pair = SshKeys.generate("parity-" + name);
      value = pair.privateKey();
      Files.writeString(storeDir.resolve(name + ".pub"), pair.publicKey() + "\n");
    } else {
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
    Files.writeString(
        file,
        value,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return value.strip(); // as every later read returns it
  }
}
