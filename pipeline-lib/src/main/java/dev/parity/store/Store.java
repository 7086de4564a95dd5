package dev.parity.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.check.VersionHistory;
import dev.parity.secret.GeneratedSecrets;
import java.util.Optional;

/**
 * Where the records that decide outcomes are kept, so that every parity process that must agree
 * sees the same ones: the environment lock, the version history behind the patch window, a
 * rollout's resume point, generated secrets and a row per run. A developer's machine keeps them in
 * the work dir ({@link WorkDirStore}); a team's Jenkins jobs on different agents share one
 * PostgreSQL schema ({@link PgStore}). Terraform state follows the same choice (its pg backend).
 */
public interface Store extends AutoCloseable {

  /**
   * Holds the environment until the lease is closed. A command takes it once, at its start, and
   * passes it down to every step that touches the environment; nothing takes it twice (a second
   * acquisition, in this process or another, fails at once naming the live holder).
   */
  Lease lock(String environment, String command);

  VersionHistory history();

  /**
   * Whether other agents use this store too (a team's database), rather than this work dir alone.
   */
  default boolean shared() {
    return true;
  }

  /**
   * Keeps a change set that was computed (what a person may approve), beside the work dir's copy: a
   * shared store shows every agent's. The work dir keeps only its plan directory's copy.
   */
  default void recordChangeSet(String environment, String sha256, JsonNode document) {}

  /** Keeps the record of one command run (who, what, when, result). */
  void recordRun(ObjectNode record);

  /**
   * The records of live checks (assert, status, deploy) with their results that started at or after
   * {@code since}, oldest first: the report's timeline. From a shared store, those of every agent.
   * Bounded by time because records accumulate for as long as a team runs parity.
   */
  java.util.List<JsonNode> liveChecks(java.time.Instant since);

  /** The saved state of the rollout of a service, if one was started. */
  Optional<JsonNode> rollout(String service);

  void saveRollout(String service, JsonNode state);

  /** The generated secrets of one environment. */
  GeneratedSecrets generatedSecrets(String environment);

  /**
   * What notifications last said about an environment's verdict, and what they have not yet
   * delivered; empty before the first. Kept here so that every agent agrees on what was told.
   */
  Optional<JsonNode> verdictState(String environment);

  void saveVerdictState(String environment, JsonNode state);

  /**
   * The connection string Terraform's pg backend gets (PG_CONN_STR) for state in the store, or
   * empty when this store is not a database.
   */
  Optional<String> stateConnStr();

  /** Values to mask in any tool output: the store's connection string and its password. */
  default java.util.List<String> secretValues() {
    return java.util.List.of();
  }

  /** A stable name of this store, the same from every agent (lab hosts are named after it). */
  String identity();

  /** Where the records are, for messages ("the work dir /x", "store schema s at host/db"). */
  String where();

  @Override
  void close();

  /** A held environment lock: the proof a step shows that its command holds the environment. */
  interface Lease extends AutoCloseable {
    /** The environment held. */
    String environment();

    /**
     * Fails unless this lease holds {@code name}: a step is handed the lease of its environment.
     */
    default void requireHolds(String name) {
      if (!environment().equals(name)) {
        throw new IllegalStateException(
            "a step for " + name + " was handed the lease of " + environment());
      }
    }

    @Override
    void close();
  }

  /** A lease with its release: {@code environment} held until {@code release} runs once. */
  static Lease lease(String environment, Runnable release) {
    return new Lease() {
      private boolean closed;

      @Override
      public String environment() {
        return environment;
      }

      @Override
      public synchronized void close() {
        if (!closed) {
          closed = true;
          release.run();
        }
      }
    };
  }
}
