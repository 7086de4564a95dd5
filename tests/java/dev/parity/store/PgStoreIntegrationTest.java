package dev.parity.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.error.ParityException;
import dev.parity.secret.SecretRef;
import dev.parity.support.LocalPostgres;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The shared store against a real PostgreSQL server: two stores are two agents. */
@Tag("integration")
class PgStoreIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalPostgres pg;

  @BeforeAll
  static void server() throws Exception {
    pg = LocalPostgres.start("16.4");
  }

  @AfterAll
  static void stop() throws Exception {
    pg.close();
  }

  private static PgStore agent(String schema, String build) {
    return PgStore.open(
        "postgres://postgres:pw-canary@127.0.0.1:" + pg.port() + "/postgres",
        "store",
        schema,
        Map.of("BUILD_TAG", build));
  }

  @Test
  void aSecondAgentIsRefusedNamingTheHolderUntilTheLockIsReleased() {
    try (PgStore a = agent("locks_test", "jenkins-deploy-41");
        PgStore b = agent("locks_test", "jenkins-reconcile-7")) {
      Store.Lease held = a.lock("prod", "deploy");
      assertThat(held.environment()).isEqualTo("prod");
      assertThatThrownBy(() -> a.lock("prod", "apply"))
          .as("a command takes the lease once; no inner step takes it again")
          .hasMessageContaining("locked by another parity run: parity deploy");
      assertThatThrownBy(() -> b.lock("prod", "reconcile"))
          .isInstanceOf(ParityException.class)
          .hasMessageContaining("environment prod is locked by another parity run: parity deploy")
          .hasMessageContaining("Jenkins build jenkins-deploy-41")
          .hasMessageContaining("store schema locks_test at 127.0.0.1:" + pg.port() + "/postgres")
          .hasMessageNotContaining("pw-canary");
      try (Store.Lease other = b.lock("staging", "reconcile")) {
        assertThat(other).as("another environment is free").isNotNull();
      }
      held.close();
      try (Store.Lease now = b.lock("prod", "reconcile")) {
        assertThat(now).isNotNull();
      }
    }
  }

  @Test
  void aRefusedAgentNamesTheLiveHolderAndNeverOneThatHasEnded() throws Exception {
    try (PgStore a = agent("holder_test", "jenkins-deploy-1");
        PgStore b = agent("holder_test", "jenkins-reconcile-2");
        PgStore c = agent("holder_test", "jenkins-rollout-3")) {
      Store.Lease first = a.lock("prod", "deploy");
      assertThatThrownBy(() -> b.lock("prod", "reconcile"))
          .hasMessageContaining("parity deploy")
          .hasMessageContaining("Jenkins build jenkins-deploy-1");
      first.close();
      try (var sql = pg.connect();
          var r =
              sql.createStatement()
                  .executeQuery(
                      "SELECT count(*) FROM holder_test.locks WHERE environment = 'prod'")) {
        r.next();
        assertThat(r.getInt(1)).as("the holder row goes with the lease").isZero();
      }
      Store.Lease second = b.lock("prod", "reconcile");
      assertThatThrownBy(() -> c.lock("prod", "rollout"))
          .hasMessageContaining("parity reconcile")
          .hasMessageContaining("Jenkins build jenkins-reconcile-2")
          .hasMessageNotContaining("jenkins-deploy-1");
      second.close();
    }
    // A holder killed with its row in place: the next refused agent is not told of it.
    PgStore killed = agent("holder_test", "jenkins-killed-4");
    killed.lock("dev", "deploy");
    try (var sql = pg.connect()) {
      sql.createStatement()
          .execute(
              "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                  + " AND pid <> pg_backend_pid()");
    }
    killed.close();
    try (PgStore d = agent("holder_test", "jenkins-deploy-5");
        PgStore e = agent("holder_test", "jenkins-status-6")) {
      Store.Lease now =
          eventually(
              () -> {
                try {
                  return d.lock("dev", "deploy");
                } catch (ParityException stillEnding) {
                  assertThat(stillEnding.getMessage()).doesNotContain("jenkins-killed-4");
                  return null;
                }
              });
      assertThatThrownBy(() -> e.lock("dev", "reconcile"))
          .hasMessageContaining("Jenkins build jenkins-deploy-5")
          .hasMessageNotContaining("jenkins-killed-4");
      now.close();
    }
  }

  @Test
  void aStoreWithANewerSchemaThanThisParityKnowsIsRefusedNamingBothVersions() throws Exception {
    agent("future_test", "a").close();
    try (var sql = pg.connect()) {
      sql.createStatement()
          .execute("UPDATE future_test.meta SET value = '99' WHERE key = 'schema_version'");
    }
    assertThatThrownBy(() -> agent("future_test", "b"))
        .isInstanceOf(ParityException.class)
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("newer than the " + PgStore.SCHEMA_VERSION + " this parity knows")
        .hasMessageNotContaining("pw-canary");
  }

  @Test
  void aLockDiesWithItsHoldersSession() throws Exception {
    PgStore a = agent("dies_test", "a");
    a.lock("dev", "deploy"); // never closed: the agent is killed
    try (PgStore b = agent("dies_test", "b")) {
      assertThatThrownBy(() -> b.lock("dev", "reconcile")).hasMessageContaining("parity deploy");
      try (var c = pg.connect()) {
        // what a killed agent's connection amounts to: the server ends its sessions
        c.createStatement()
            .execute(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND pid <> pg_backend_pid()");
      }
      // free once the holder's session ended, which may take a moment
      Store.Lease now =
          org.awaitility.Awaitility.await("free once the holder's session ended")
              .atMost(java.time.Duration.ofSeconds(5))
              .pollInterval(java.time.Duration.ofMillis(100))
              .ignoreExceptionsInstanceOf(ParityException.class)
              .until(() -> b.lock("dev", "reconcile"), java.util.Objects::nonNull);
      now.close();
    } finally {
      a.close();
    }
  }

  @Test
  void historyRolloutsAndGeneratedSecretsAreTheSameFromEveryAgent() throws Exception {
    try (PgStore a = agent("shared_test", "a");
        PgStore b = agent("shared_test", "b")) {
      Instant at = Instant.parse("2026-11-20T10:00:00Z");
      a.history().record("postgresql", "16.4", "dev", at);
      b.history().record("postgresql", "16.4", "staging", at.plusSeconds(3600));
      assertThat(b.history().firstReached("postgresql", "16.4")).contains(at);
      assertThat(a.history().firstReached("postgresql", "16.5")).isEmpty();

      b.saveRollout("postgresql", JSON.readTree("{\"to\":\"16.4\",\"done\":[\"dev\"]}"));
      assertThat(a.rollout("postgresql").orElseThrow().path("done").get(0).asText())
          .isEqualTo("dev");
      assertThat(a.rollout("memcached")).isEmpty();

      var password = new SecretRef.Generated("db_password", SecretRef.Kind.PASSWORD);
      var key = new SecretRef.Generated("ssh_key", SecretRef.Kind.SSH_KEY);
      String fromA = a.generatedSecrets("dev").valueOf(password);
      assertThat(b.generatedSecrets("dev").valueOf(password)).isEqualTo(fromA);
      assertThat(b.generatedSecrets("staging").valueOf(password)).isNotEqualTo(fromA);
      assertThat(b.generatedSecrets("dev").valueOf(key))
          .startsWith("-----BEGIN OPENSSH PRIVATE KEY-----")
          .isEqualTo(a.generatedSecrets("dev").valueOf(key));

      var run = JSON.createObjectNode();
      run.put("command", "deploy");
      run.put("environment", "dev");
      run.put("user", "jenkins");
      run.put("started", at.toString());
      run.put("ended", at.plusSeconds(60).toString());
      run.put("exit_code", 0);
      a.recordRun(run);
      try (var c = pg.connect();
          var rs =
              c.createStatement()
                  .executeQuery(
                      "SELECT command, environment, exit_code FROM shared_test.runs"
                          + " WHERE environment = 'dev'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("deploy");
        assertThat(rs.getInt(3)).isZero();
      }
    }
  }

  @Test
  void whatNotificationsToldIsTheSameFromEveryAgent() throws Exception {
    try (PgStore a = agent("verdicts_test", "a");
        PgStore b = agent("verdicts_test", "b")) {
      assertThat(b.verdictState("prod")).isEmpty();
      a.saveVerdictState(
          "prod",
          JSON.readTree(
              "{\"verdict\":\"drifted\",\"since\":\"2026-11-04T02:00:00Z\",\"pending\":[]}"));
      assertThat(b.verdictState("prod").orElseThrow().path("verdict").asText())
          .isEqualTo("drifted");
      b.saveVerdictState("prod", JSON.readTree("{\"verdict\":\"in parity\"}"));
      assertThat(a.verdictState("prod").orElseThrow().path("verdict").asText())
          .as("the last agent's word")
          .isEqualTo("in parity");
      assertThat(a.verdictState("dev")).isEmpty();
    }
  }

  @Test
  void theReportsTimelineHoldsTheLiveChecksOfEveryAgentOldestFirst() throws Exception {
    try (PgStore a = agent("timeline_test", "a");
        PgStore b = agent("timeline_test", "b")) {
      Instant at = Instant.parse("2026-11-20T10:00:00Z");
      // records as the CLI writes them: the store checks each against the run record contract
      b.recordRun(dev.parity.workdir.RunRecordsTest.record("status", at.plusSeconds(120), true));
      a.recordRun(dev.parity.workdir.RunRecordsTest.record("assert", at, true));
      a.recordRun(run("plan", at.plusSeconds(60), "{}")); // not a live check
      // failed before it had results
      b.recordRun(dev.parity.workdir.RunRecordsTest.record("assert", at.plusSeconds(180), false));
      assertThat(a.liveChecks(Instant.EPOCH))
          .extracting(r -> r.path("command").asText() + "@" + r.path("started").asText())
          .containsExactly("assert@" + at, "status@" + at.plusSeconds(120));
      assertThat(b.liveChecks(at.plusSeconds(1)))
          .as("the window's start bounds what is read")
          .extracting(r -> r.path("command").asText())
          .containsExactly("status");
    }
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode run(
      String command, Instant started, String results) throws Exception {
    var run = JSON.createObjectNode();
    run.put("command", command);
    run.put("environment", "dev");
    run.put("started", started.toString());
    run.put("ended", started.plusSeconds(30).toString());
    run.put("exit_code", 0);
    run.set("results", JSON.readTree(results));
    return run;
  }

  @Test
  void anUnusableConnectionStringIsRefusedWithoutShowingIt() {
    for (String bad :
        new String[] {
          "host=db password=pw-canary", "mysql://u:pw-canary@db/x", "postgres://u:pw-canary@/x"
        }) {
      assertThatThrownBy(() -> PgStore.open(bad, "parity_store", "s", Map.of()))
          .as(bad)
          .hasMessageContaining(
              "the store's connection string (secret 'parity_store') is not usable")
          .hasMessageNotContaining("pw-canary");
    }
    assertThatThrownBy(
            () ->
                PgStore.open("postgres://u:pw-canary@127.0.0.1:1/x", "parity_store", "s", Map.of()))
        .hasMessageContaining("the shared store (store schema s at 127.0.0.1:1/x): cannot connect")
        .hasMessageNotContaining("pw-canary");
  }

  /** A lease taken within five seconds; {@code attempt} gives null while the lock is held. */
  private static Store.Lease eventually(java.util.concurrent.Callable<Store.Lease> attempt) {
    return org.awaitility.Awaitility.await("the lease is free")
        .atMost(java.time.Duration.ofSeconds(5))
        .pollInterval(java.time.Duration.ofMillis(100))
        .until(attempt, java.util.Objects::nonNull);
  }
}
