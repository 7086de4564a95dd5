package dev.parity.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.support.ParityCli;
import dev.parity.support.ParityCli.Run;
import dev.parity.support.ParityHome;
import dev.parity.terraform.PgBackendIntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Secrets in the forms real tools print them, through real OpenTofu: Go-quoted in an engine error,
 * on several lines and quoted in a module's output. Neither the value nor any of its lines reaches
 * parity's output or a file it leaves.
 */
@Tag("integration")
class SecretFormsIntegrationTest {

  /** A plan of local with its state in PostgreSQL at this connection string (the secret). */
  private static Run planWithStateDb(ParityHome home, String connStr) {
    home.append(
        "vars/local.yml",
        "terraform: { backend: pg, conn_str_secret: state_db }\n"
            + "secrets:\n  state_db: { env: PARITY_TEST_STATE_DB }\n");
    return ParityCli.inMemory(
        home.env(Map.of("PARITY_TEST_STATE_DB", connStr)), "plan", "--env", "local");
  }

  @Test
  void aConnectionStringTheEngineQuotesBackIsMaskedInItsEscapedForm() throws Exception {
    String canary = "canary-" + UUID.randomUUID();
    try (ParityHome home = ParityHome.copyOfRepository()) {
      // a quote and a backslash in the password: Go's url parser refuses it and quotes it back
      String connStr = "postgres://u:" + canary + "\"q\\b@127.0.0.1:1/db?sslmode=disable";
      Run plan = planWithStateDb(home, connStr);
      assertThat(plan.exit()).as(plan.all()).isEqualTo(1);
      assertThat(plan.all()).contains("invalid userinfo").contains("****");
      assertThat(plan.all()).doesNotContain(canary);
      assertThat(PgBackendIntegrationTest.filesContaining(home.root(), canary)).isEmpty();
    }
  }

  @Test
  void aConnectionStringWithALineBreakIsRefusedNamingTheSecretBeforeTheEngineRuns()
      throws Exception {
    String canary = "canary-" + UUID.randomUUID();
    try (ParityHome home = ParityHome.copyOfRepository()) {
      String connStr = "postgres://u:" + canary + "\n@127.0.0.1:1/db";
      Run plan = planWithStateDb(home, connStr);
      assertThat(plan.exit()).as(plan.all()).isEqualTo(1);
      assertThat(plan.all())
          .contains("secret 'state_db' cannot be read: its value holds a line break")
          .doesNotContain(canary)
          .doesNotContain("Initializing");
    }
  }

  @Test
  void aMultiLineQuotedSecretThatAModulePrintsIsMaskedOnEveryLine() throws Exception {
    String first = "canary-" + UUID.randomUUID();
    String second = "canary-" + UUID.randomUUID();
    try (ParityHome home = ParityHome.copyOfRepository()) {
      // a team's module that prints a secret it was given, as nonsensitive() allows
      home.write(
          "terraform/leaky/main.tf",
          """
          variable "secrets" {
            type      = map(string)
            sensitive = true
          }
          output "leak" {
            value = nonsensitive(var.secrets["db_password"])
          }
          output "leak_json" {
            value = jsonencode(nonsensitive(var.secrets["db_password"]))
          }
          """);
      home.append(
          "vars/local.yml",
          "terraform: { module: terraform/leaky }\n"
              + "secrets:\n  db_password: { env: PARITY_TEST_DB_PASSWORD }\n");
      String value = first + "\n  say \"" + second + "\" \\ twice\n";
      Run plan =
          ParityCli.inMemory(
              home.env(Map.of("PARITY_TEST_DB_PASSWORD", value)), "plan", "--env", "local");
      assertThat(plan.exit()).as(plan.all()).isIn(1, 2);
      assertThat(plan.all()).contains("leak");
      assertThat(plan.all()).doesNotContain(first).doesNotContain(second);
      for (String canary : new String[] {first, second}) {
        assertThat(PgBackendIntegrationTest.filesContaining(home.root(), canary)).isEmpty();
      }
    }
  }
}
