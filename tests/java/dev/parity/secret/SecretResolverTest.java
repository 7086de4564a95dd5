package dev.parity.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretResolverTest {
  @TempDir Path dir;

  @Test
  void aValueWithANulIsRefusedNamingTheSecretNeverItsValue() throws Exception {
    Path file = dir.resolve("db");
    Files.writeString(file, "cut-canary\0rest-canary");
    SecretResolver resolver = new SecretResolver(Map.of(), dir.resolve("gen"));
    assertThatThrownBy(() -> resolver.resolve(new SecretRef.FromFile("db_password", file, null)))
        .hasMessageContaining("secret 'db_password' cannot be read: its value holds a NUL")
        .hasMessageNotContaining("canary");
  }

  @Test
  void aOneLineValueWithALineBreakIsRefusedAndOneWithoutIsGiven() {
    SecretResolver resolver =
        new SecretResolver(
            Map.of("BAD", "postgres://u:canary\n@h/db", "GOOD", "postgres://u:p@h/db"),
            dir.resolve("gen"));
    assertThatThrownBy(
            () ->
                resolver.resolveOneLine(
                    new SecretRef.FromEnv("store_url", "BAD", null),
                    "the store's connection string"))
        .hasMessageContaining("secret 'store_url' cannot be read: its value holds a line break")
        .hasMessageNotContaining("canary");
    assertThat(resolver.resolveOneLine(new SecretRef.FromEnv("s", "GOOD", null), "x"))
        .isEqualTo("postgres://u:p@h/db");
  }
}
