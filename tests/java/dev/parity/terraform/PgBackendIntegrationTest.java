package dev.parity.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.support.ArgvSampler;
import dev.parity.support.LocalPostgres;
import dev.parity.support.ParityCli;
import dev.parity.support.ParityCli.Run;
import dev.parity.support.ParityHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * State in a real PostgreSQL (the pg backend), shared by two agents with their own work dirs: the
 * engine's lock keeps them apart and the loser names the holder. The connection string carries a
 * canary password that must appear in no output, log, file or process argument list.
 */
@Tag("integration")
public class PgBackendIntegrationTest {

  @Test
  void twoAgentsShareStateInPostgresTheLockNamesItsHolderAndTheSecretNeverShows() throws Exception {
    String canary = "canary-" + UUID.randomUUID();
    String appCanary = "app-canary-" + UUID.randomUUID();
    List<String> outputs = new ArrayList<>();
    try (LocalPostgres pg = LocalPostgres.start("16.4");
        ParityHome home = ParityHome.copyOfRepository();
        ArgvSampler argv = ArgvSampler.start(List.of(canary, appCanary))) {
      // Two agents of one environment share its state; the environment is a local stack here
      // (lab names depend on the work dir, and each agent has its own).
      home.useLocalStack("dev", "{ db: 1, cache: 2 }", 100);
      home.slowApplies();
      home.append(
          "vars/dev.yml",
          """
          terraform: { backend: pg, conn_str_secret: state_db }
          secrets:
            state_db: { env: PARITY_TEST_STATE_DB }
            db_password: { env: PARITY_TEST_DB_PASSWORD }
          """);
      Map<String, String> env =
          home.env(
              Map.of(
                  "PARITY_TEST_STATE_DB",
                  "postgres://postgres:"
                      + canary
                      + "@127.0.0.1:"
                      + pg.port()
                      + "/postgres?sslmode=disable",
                  "PARITY_TEST_DB_PASSWORD",
                  appCanary,
                  // two agents that share state render the same node paths
                  "PARITY_NODE_ROOT",
                  home.root().resolve("nodes").toString()));
      String agentB = home.root().resolve("agent-b").toString();

      Run planA = ParityCli.inMemory(env, "plan", "--env", "dev");
      Run planB = ParityCli.inMemory(env, "plan", "--env", "dev", "--work-dir", agentB);
      outputs.addAll(List.of(planA.all(), planB.all()));
      assertThat(planA.exit()).as(planA.all()).isEqualTo(2);
      assertThat(planB.exit()).as(planB.all()).isEqualTo(2);

      try (ParityCli.Running applyA = ParityCli.start(env, "apply", "--env", "dev")) {
        applyA.awaitOutput("Creating...");
        Instant start = Instant.now();
        Run applyB =
            ParityCli.start(env, "apply", "--env", "dev", "--work-dir", agentB)
                .await(Duration.ofMinutes(1));
        outputs.add(applyB.all());
        assertThat(applyB.exit()).as(applyB.all()).isEqualTo(1);
        assertThat(applyB.out())
            .contains("the state of dev is locked by")
            .contains("OperationTypeApply")
            .contains("force-unlock -force");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(6));
        Run a = applyA.await(Duration.ofMinutes(2));
        outputs.add(a.all());
        assertThat(a.exit()).as(a.all()).isZero();
      }
      Run after = ParityCli.inMemory(env, "plan", "--env", "dev");
      Run afterB = ParityCli.inMemory(env, "plan", "--env", "dev", "--work-dir", agentB);
      outputs.addAll(List.of(after.all(), afterB.all()));
      assertThat(after.infrastructureInSync())
          .as("state intact in PostgreSQL: " + after.all())
          .isTrue();
      assertThat(afterB.infrastructureInSync())
          .as("the other agent sees the same state: " + afterB.all())
          .isTrue();

      for (String canaryValue : List.of(canary, appCanary)) {
        outputs.forEach(o -> assertThat(o).doesNotContain(canaryValue));
        assertThat(filesContaining(home.root(), canaryValue))
            .as("files holding the secret")
            .isEmpty();
      }
      argv.verify();
    }
  }

  public static List<Path> filesContaining(Path root, String value) throws Exception {
    byte[] needle = value.getBytes(StandardCharsets.UTF_8);
    List<Path> hits = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        byte[] content;
        try {
          content = Files.readAllBytes(f);
        } catch (java.nio.file.NoSuchFileException gone) {
          continue; // a running server's file replaced between listing and reading
          // (pg_internal.init)
        }
        if (indexOf(content, needle) >= 0) {
          hits.add(f);
        }
      }
    }
    return hits;
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
