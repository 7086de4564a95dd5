package dev.parity.secret;

import dev.parity.error.ParityException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;

/**
 * Reads secret values at run time, only when a command needs them, and tells without reading them
 * whether they can be read. Values never appear in messages.
 *
 * @param env the process environment
 * @param generated where the environment's generated secrets are kept
 */
public record SecretResolver(Map<String, String> env, GeneratedSecrets generated) {

  public SecretResolver(Map<String, String> env, java.nio.file.Path storeDir) {
    this(env, new GeneratedSecretFiles(storeDir));
  }

  /** Why the reference cannot be resolved, or empty when it can. Creates nothing. */
  public Optional<String> unresolvable(SecretRef ref) {
    if (ref instanceof SecretRef.FromEnv e) {
      String value = env.get(e.variable());
      return value != null && !value.isEmpty()
          ? Optional.empty()
          : Optional.of("environment variable " + e.variable() + " is not set");
    }
    if (ref instanceof SecretRef.FromFile f) {
      return readable(f.file());
    }
    if (ref instanceof SecretRef.FromEnvFile e) {
      String path = env.get(e.variable());
      return path == null || path.isEmpty()
          ? Optional.of("environment variable " + e.variable() + " (a file's path) is not set")
          : readable(java.nio.file.Path.of(path));
    }
    return Optional.empty();
  }

  private static Optional<String> readable(java.nio.file.Path file) {
    return Files.isRegularFile(file) && Files.isReadable(file)
        ? Optional.empty()
        : Optional.of("file " + file + " does not exist or is not readable");
  }

  /** The one line that says why a secret cannot be read and where the variable set names it. */
  public static String missing(SecretRef ref, String why) {
    return "secret '"
        + ref.name()
        + "' cannot be read: "
        + why
        + (ref.origin() == null ? "" : " (declared at " + ref.origin() + ")");
  }

  /**
   * The value; a generated secret is created on first use. Throws naming the secret and where it is
   * declared, never its value.
   */
  public String resolve(SecretRef ref) {
    String value = read(ref);
    if (value.indexOf('\0') >= 0) {
      throw new ParityException(
          missing(ref, "its value holds a NUL character, which no tool can be given"));
    }
    return value;
  }

  /**
   * The value of a secret that a tool takes as one line (a connection string): a line break in it
   * would reach the tool as two values, so it is refused, naming the secret.
   */
  public String resolveOneLine(SecretRef ref, String usedAs) {
    return requireOneLine(ref, resolve(ref), usedAs);
  }

  /** The value, refused when it holds a line break (see {@link #resolveOneLine}). */
  public static String requireOneLine(SecretRef ref, String value, String usedAs) {
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new ParityException(
          missing(ref, "its value holds a line break, and " + usedAs + " is one line"));
    }
    return value;
  }

  private String read(SecretRef ref) {
    unresolvable(ref)
        .ifPresent(
            why -> {
              throw new ParityException(missing(ref, why));
            });
    try {
      if (ref instanceof SecretRef.FromEnv e) {
        return env.get(e.variable());
      }
      if (ref instanceof SecretRef.FromFile f) {
        return Files.readString(f.file(), StandardCharsets.UTF_8).strip();
      }
      if (ref instanceof SecretRef.FromEnvFile e) {
        return Files.readString(
                java.nio.file.Path.of(env.get(e.variable())), StandardCharsets.UTF_8)
            .strip();
      }
      return generated.valueOf((SecretRef.Generated) ref);
    } catch (IOException e) {
      throw new UncheckedIOException("secret '" + ref.name() + "' cannot be read", e);
    }
  }
}
