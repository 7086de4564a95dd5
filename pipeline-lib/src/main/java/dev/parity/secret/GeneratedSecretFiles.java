package dev.parity.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Generated secrets in the work dir: {@code <work dir>/secrets/<environment>/<name>}, mode 0600 in
 * a 0700 directory; an SSH key's public half beside it as {@code <name>.pub}.
 */
public record GeneratedSecretFiles(Path dir) implements GeneratedSecrets {

  @Override
  public String valueOf(SecretRef.Generated ref) {
    Path file = dir.resolve(ref.name());
    try {
      if (!Files.isRegularFile(file)) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        String value = GeneratedSecrets.create(ref);
        try {
          Files.writeString(
              file,
              value,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE);
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
          if (ref.kind() == SecretRef.Kind.SSH_KEY) {
            Files.writeString(dir.resolve(ref.name() + ".pub"), SshKeys.publicKeyOf(value) + "\n");
          }
        } catch (FileAlreadyExistsException raced) {
          // another parity process created it first: its value is the one
        }
      }
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("secret '" + ref.name() + "' cannot be read", e);
    }
  }
}
