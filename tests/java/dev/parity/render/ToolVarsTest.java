package dev.parity.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.secret.SecretResolver;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.VarSet;
import dev.parity.vars.VarSetLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolVarsTest {
  private static final Path BUNDLED = Path.of("..", "vars").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path work;

  private EnvironmentSpec prod() {
    VarSet set = new VarSetLoader().load(BUNDLED);
    assertThat(set.problems()).isEmpty();
    return set.environment("prod");
  }

  @Test
  void terraformAndAnsibleGetTheSameValues() throws Exception {
    EnvironmentSpec prod = prod();
    JsonNode tf = JSON.readTree(ToolVars.terraform(prod));
    JsonNode ansible = JSON.readTree(ToolVars.ansible(prod));
    assertThat(ansible.path("parity")).isEqualTo(tf);
    assertThat(tf.path("environment").asText()).isEqualTo("prod");
    assertThat(tf.at("/services/postgresql/version").asText()).isEqualTo("16.2");
    assertThat(tf.at("/services/postgresql/settings/work_mem").asText()).isEqualTo("16MB");
    assertThat(tf.at("/topology/db").asInt()).isEqualTo(2);
    assertThat(tf.at("/network/port_offset").asInt()).isZero();
    assertThat(tf.at("/network/subnet").asText()).isEqualTo("10.231.4.0/24");
    assertThat(tf.at("/sizing/db/memory_mb").asLong()).isEqualTo(16384);
    assertThat(tf.path("secret_names").get(0).asText()).isEqualTo("db_password");
  }

  @Test
  void everyNodeGetsItsPortsFromTheOneRuleNodesSharingAnAddressCountUpFromTheOffset()
      throws Exception {
    VarSet set = new VarSetLoader().load(BUNDLED);
    JsonNode prod = JSON.readTree(ToolVars.terraform(set.environment("prod")));
    JsonNode local = JSON.readTree(ToolVars.terraform(set.environment("local")));

    // prod's hosts each have an address of their own: every node on the base port
    assertThat(prod.at("/node_ports/db-0/postgresql").asInt()).isEqualTo(5432);
    assertThat(prod.at("/node_ports/db-1/postgresql").asInt()).isEqualTo(5432);
    assertThat(prod.at("/node_ports/cache-1/memcached").asInt()).isEqualTo(11211);
    assertThat(prod.at("/node_ports/db-0").has("memcached")).isFalse();
    // the local stack's nodes share one address: base + offset + index
    EnvironmentSpec spec = set.environment("local");
    int base = spec.services().get("postgresql").port();
    assertThat(local.at("/node_ports/db-0/postgresql").asInt()).isEqualTo(base + spec.portOffset());
    assertThat(local.path("node_ports").size())
        .isEqualTo(spec.topology().values().stream().mapToInt(Integer::intValue).sum());
  }

  @Test
  void secretValuesTravelOnlyInTheToolsEnvironmentAndAreMasked() throws Exception {
    EnvironmentSpec prod = prod();
    Path store = work.resolve("secrets").resolve("prod");
    SecretHandoff secrets = SecretHandoff.resolve(prod, new SecretResolver(Map.of(), store));
    String value = secrets.values().get("db_password");
    assertThat(value).hasSizeGreaterThan(20);
    assertThat(ToolVars.terraform(prod) + ToolVars.ansible(prod)).doesNotContain(value);
    assertThat(secrets.terraformEnvironment().get("TF_VAR_secrets")).contains(value);
    assertThat(secrets.ansibleEnvironment()).containsEntry("PARITY_SECRET_DB_PASSWORD", value);
    assertThat(secrets.masker().mask("password is " + value)).isEqualTo("password is ****");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(store.resolve("db_password"))))
        .isEqualTo("rw-------");
    assertThat(
            SecretHandoff.resolve(prod, new SecretResolver(Map.of(), store))
                .values()
                .get("db_password"))
        .as("generated once, then reused")
        .isEqualTo(value);
  }

  @Test
  void anEnvironmentSecretIsReadFromTheVariableNamed() {
    var resolver = new SecretResolver(Map.of("SHOP_DB_PASSWORD", "from-jenkins"), work);
    var ref = new dev.parity.secret.SecretRef.FromEnv("db_password", "SHOP_DB_PASSWORD");
    assertThat(resolver.resolve(ref)).isEqualTo("from-jenkins");
    var missing = new dev.parity.secret.SecretRef.FromEnv("db_password", "UNSET_VARIABLE");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> resolver.resolve(missing))
        .hasMessage(
            "secret 'db_password' cannot be read: environment variable UNSET_VARIABLE is not set");
  }
}
