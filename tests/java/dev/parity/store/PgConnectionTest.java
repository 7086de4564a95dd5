package dev.parity.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.error.ParityException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgConnectionTest {

  @Test
  void theJdbcUrlCarriesNeitherCredentialsNorQuerySoTheDriverCannotQuoteThem() {
    PgConnection c =
        PgConnection.parse(
            "postgres://parity:pw-canary@db.example:6432/records?sslmode=require&password=q-canary",
            "store_url");
    assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6432/records");
    assertThat(c.properties().getProperty("password")).isEqualTo("q-canary");
    assertThat(c.properties().getProperty("sslmode")).isEqualTo("require");
    assertThat(c.secretParts()).containsExactly("pw-canary", "q-canary");
  }

  @Test
  void anOptionValueTheDriverWouldRepeatIsASecretPartUnlessItIsAKnownHarmlessOne() {
    PgConnection c =
        PgConnection.parse("postgres://u@h/db?sslmode=CANARY-sslmode&sslmode=x", "store_url");
    assertThat(c.secretParts()).contains("CANARY-sslmode");
  }

  @Test
  void theDriversOwnMessageIsMaskedWhenItQuotesAnOption() {
    assertThatThrownBy(
            () ->
                PgStore.open(
                    "postgres://u:pw@127.0.0.1:1/db?sslmode=CANARY-sslmode-value",
                    "store_url",
                    "s",
                    Map.of()))
        .isInstanceOf(ParityException.class)
        .hasMessageContaining("the shared store")
        .hasMessageContaining("sslmode value: ****")
        .hasMessageNotContaining("CANARY-sslmode-value")
        .hasMessageNotContaining("pw@");
  }

  @Test
  void anUnparseableStringIsRefusedNamingTheSecretNotTheValue() {
    assertThatThrownBy(() -> PgConnection.parse("postgres://u:pw canary@h:x/db", "store_url"))
        .hasMessageContaining("secret 'store_url'")
        .hasMessageNotContaining("canary");
  }
}
