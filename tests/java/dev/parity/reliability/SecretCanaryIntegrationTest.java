package dev.parity.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.support.ArgvSampler;
import dev.parity.support.LocalStack;
import dev.parity.support.ParityCli.Run;
import dev.parity.support.ParityHome;
import dev.parity.terraform.PgBackendIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A canary secret through every command: absent from stdout and stderr, reports, run records, every
 * file left in the work dir, and every process's argv sampled while the tools run. It is the
 * PostgreSQL password, so it is really used: the database is initialised with it and the probe logs
 * in with it.
 */
@Tag("integration")
class SecretCanaryIntegrationTest {

  @Test
  void theCanaryNeverShows() throws Exception {
    String canary = "canary-" + UUID.randomUUID();
    try (ParityHome home = ParityHome.copyOfRepository();
        ArgvSampler argv = ArgvSampler.start(List.of(canary))) {
      home.append("vars/local.yml", "secrets:\n  db_password: { env: PARITY_TEST_CANARY }\n");
      LocalStack stack = new LocalStack(home, home.env(Map.of("PARITY_TEST_CANARY", canary)));
      List<Run> runs = new ArrayList<>();
      try {
        for (String[] args :
            List.of(
                new String[] {"validate", "--env", "local"},
                new String[] {"check"},
                new String[] {"plan", "--env", "local"},
                new String[] {"apply", "--env", "local"},
                new String[] {"configure", "--env", "local"},
                new String[] {"configure", "--env", "local", "--check"},
                new String[] {
                  "assert",
                  "--env",
                  "local",
                  "--junit",
                  home.root().resolve("r/assert.xml").toString()
                },
                new String[] {"deploy", "--env", "local"},
                new String[] {"status", "--env", "local"},
                new String[] {"reconcile", "--env", "local"},
                new String[] {
                  "report",
                  "--format",
                  "html",
                  "--out",
                  home.root().resolve("r/report.html").toString()
                },
                new String[] {
                  "report",
                  "--format",
                  "json",
                  "--out",
                  home.root().resolve("r/report.json").toString()
                },
                new String[] {
                  "rollout", "--service", "postgresql", "--to", "16.4", "--envs", "local"
                })) {
          Run r = stack.parity(args);
          runs.add(r);
          assertThat(r.exit()).as(String.join(" ", args) + ": " + r.all()).isIn(0, 2);
        }
        assertThat(runs.get(6).out())
            .as("the probe logged in with the secret")
            .contains("PASS  local");
      } finally {
        stack.downAll();
      }
      runs.forEach(r -> assertThat(r.all()).doesNotContain(canary));
      assertThat(PgBackendIntegrationTest.filesContaining(home.root(), canary)).isEmpty();
      argv.verify();
    }
  }
}
