package dev.parity.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.support.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** parity's Ed25519 keys, read by the real ssh-keygen, and ssh-keygen's keys read by parity. */
class SshKeysTest {
  @TempDir Path dir;

  @Test
  void aGeneratedKeyIsOneSshKeygenReadsWithTheSamePublicHalf() throws Exception {
    SshKeys.Pair pair = SshKeys.generate("parity-test");
    Path key = dir.resolve("id");
    Files.writeString(key, pair.privateKey());
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    String derived = Commands.ok("ssh-keygen", "-y", "-f", key.toString());
    // ssh-keygen -y prints the key and the comment stored in the private key
    assertThat(derived.strip()).isEqualTo(pair.publicKey()).endsWith(" parity-test");
    assertThat(SshKeys.publicKeyOf(pair.privateKey()) + " parity-test").isEqualTo(derived.strip());
  }

  @Test
  void thePublicHalfOfAnSshKeygenKeyIsTheOneSshKeygenPrints() throws Exception {
    Path key = dir.resolve("made-by-ssh-keygen");
    Commands.ok(
        "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "someone", "-f", key.toString());
    String expected = Files.readString(key.resolveSibling(key.getFileName() + ".pub")).strip();
    assertThat(SshKeys.publicKeyOf(Files.readString(key)))
        .isEqualTo(expected.substring(0, expected.lastIndexOf(' ')));
  }

  @Test
  void anythingElseIsRefusedWithoutShowingIt() {
    String notAKey =
        "-----BEGIN RSA PRIVATE KEY-----\nsecret-material\n-----END RSA PRIVATE KEY-----\n";
    assertThatThrownBy(() -> SshKeys.publicKeyOf(notAKey))
        .hasMessageContaining("not an OpenSSH private key")
        .hasMessageNotContaining("secret-material");
    String cut =
        SshKeys.generate("x").privateKey().replaceAll("(?s)(-----\\n.{40}).*(\\n-----END)", "$1$2");
    assertThatThrownBy(() -> SshKeys.publicKeyOf(cut)).isInstanceOf(IllegalArgumentException.class);
  }
}
