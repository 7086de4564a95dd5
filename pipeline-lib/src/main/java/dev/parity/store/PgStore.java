package dev.parity.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.check.VersionHistory;
import dev.parity.error.ParityException;
import dev.parity.secret.GeneratedSecrets;
import dev.parity.text.SecretMasker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The shared store: one PostgreSQL schema per project, which every agent's parity reads and writes.
 * The environment lock is a session advisory lock, held on a connection of its own for as long as
 * the command runs (PostgreSQL releases it when that session ends, so a killed agent never leaves
 * it behind). Taking it and writing the holder is one statement, and so is being refused and
 * reading the holder: a holder is named only while its session still holds the lock, and its row is
 * deleted on release. The tables are created on first use, under a transaction lock so that two
 * agents starting at once do not race; a schema-version row says which layout they have, and a
 * parity that finds a newer one than it knows refuses.
 */
public final class PgStore implements Store {
  /** The layout of the tables this parity writes; 2 added the meta row and the lock's session. */
  static final int SCHEMA_VERSION = 2;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final String connStr;
  private final PgConnection target;
  private final String schema;
  private final String q; // the schema, quoted for SQL
  private final Map<String, String> env;
  private Connection connection;
  private final java.util.Set<Connection> lockSessions =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private PgStore(String connStr, PgConnection target, String schema, Map<String, String> env) {
    this.connStr = connStr;
    this.target = target;
    this.schema = schema;
    this.q = "\"" + schema.replace("\"", "\"\"") + "\"";
    this.env = env;
  }

  /**
   * Connects and creates the schema's tables if they do not exist yet.
   *
   * @param connStr the connection string (a secret's value)
   * @param secretName the secret's name, for messages
   */
  public static PgStore open(
      String connStr, String secretName, String schema, Map<String, String> env) {
    PgStore store = new PgStore(connStr, PgConnection.parse(connStr, secretName), schema, env);
    store.migrate();
    return store;
  }

  private Connection connect() {
    try {
      return DriverManager.getConnection(target.jdbcUrl(), target.properties());
    } catch (SQLException e) {
      throw failed("cannot connect", e);
    }
  }

  private synchronized Connection connection() {
    if (connection == null) {
      connection = connect();
    }
    return connection;
  }

  private ParityException failed(String what, SQLException e) {
    return new ParityException(
        "the shared store ("
            + where()
            + "): "
            + what
            + ": "
            // the driver quotes what it was given (a URL, an option's value): masked
            + SecretMasker.of(secretValues()).mask(String.valueOf(e.getMessage()))
            + (e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]"));
  }

  private void migrate() {
    Connection c = connection();
    try {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + key("schema", "") + ")");
        s.execute("CREATE SCHEMA IF NOT EXISTS " + q);
        s.execute(
            "CREATE TABLE IF NOT EXISTS "
                + q
                + ".meta (key text PRIMARY KEY, value text NOT NULL)");
        int found = 0;
        try (ResultSet r =
            s.executeQuery("SELECT value FROM " + q + ".meta WHERE key = 'schema_version'")) {
          if (r.next()) {
            found = parseVersion(r.getString(1));
          }
        }
        if (found > SCHEMA_VERSION) {
          c.rollback();
          throw new ParityException(
              "the shared store ("
                  + where()
                  + ") has schema version "
                  + found
                  + ", newer than the "
                  + SCHEMA_VERSION
                  + " this parity knows: a newer parity wrote it; run that version (or newer)"
                  + " here too, never an older one against it");
        }
        s.execute(
            "CREATE TABLE IF NOT EXISTS "
                + q
                + ".versions (service text NOT NULL, version text NOT NULL,"
                + " environment text NOT NULL, at timestamptz NOT NULL)");
        s.execute(
            "CREATE TABLE IF NOT EXISTS "
                + q
                + ".runs (id bigserial PRIMARY KEY, command text NOT NULL, environment text,"
                + " run_by text, host text, started timestamptz, ended timestamptz,"
                + " exit_code int, plan_fingerprint text, record jsonb NOT NULL)");
        // The timeline reads a window of recent runs from a table that only grows.
        s.execute("CREATE INDEX IF NOT EXISTS runs_started ON " + q + ".runs (started)");
        s.execute(
            "CREATE TABLE IF NOT EXISTS "
                + q
                + ".rollouts (service text PRIMARY KEY, state jsonb NOT NULL,"
                + " updated timestamptz NOT NULL DEFAULT now())");
        s.execute(
            "CREATE TABLE IF NOT EXISTS "
                + q
                + ".verdicts (environment text PRIMARY KEY, state jsonb NOT NULL,"
                + " updated timestamptz NOT NULL DEFAULT now())");
        s.execute(
            "CREATE TABLE IF NOT EXISTS "
                + q
                + ".secrets (environment text NOT NULL, name text NOT NULL, value text NOT NULL,"
                + " created timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (environment, name))");
        s.execute(
            "CREATE TABLE IF NOT EXISTS "
                + q
                + ".locks (environment text PRIMARY KEY, holder jsonb NOT NULL,"
                + " since timestamptz NOT NULL DEFAULT now())");
        s.execute("ALTER TABLE " + q + ".locks ADD COLUMN IF NOT EXISTS backend_pid int");
        s.execute(
            "CREATE TABLE IF NOT EXISTS "
                + q
                + ".change_sets (id bigserial PRIMARY KEY, environment text NOT NULL,"
                + " sha256 text NOT NULL, document jsonb NOT NULL,"
                + " created timestamptz NOT NULL DEFAULT now())");
        s.execute(
            "INSERT INTO "
                + q
                + ".meta (key, value) VALUES ('schema_version', '"
                + SCHEMA_VERSION
                + "') ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value");
      }
      c.commit();
      c.setAutoCommit(true);
    } catch (SQLException e) {
      throw failed("cannot create the schema " + schema, e);
    }
  }

  private int parseVersion(String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new ParityException(
          "the shared store (" + where() + ") has a schema version parity cannot read: " + value);
    }
  }

  /** A 64-bit advisory lock key, one per schema and environment. */
  long key(String kind, String environment) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  ("parity:" + kind + ":" + schema + ":" + environment)
                      .getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(h).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Lease lock(String environment, String command) {
    long key = key("environment", environment);
    Connection c = connect();
    try {
      boolean got;
      String holder;
      // One round trip: take the lock and write the holder, or be refused and read the holder whose
      // session holds the lock now (pg_locks shows a bigint key as classid high, objid low half).
      try (PreparedStatement s =
          c.prepareStatement(
              "WITH try AS (SELECT pg_try_advisory_lock(?) AS ok),"
                  + " mine AS (INSERT INTO "
                  + q
                  + ".locks (environment, holder, since, backend_pid)"
                  + " SELECT ?, ?::jsonb, now(), pg_backend_pid() FROM try WHERE ok"
                  + " ON CONFLICT (environment) DO UPDATE SET holder = EXCLUDED.holder,"
                  + " since = EXCLUDED.since, backend_pid = EXCLUDED.backend_pid RETURNING 1)"
                  + " SELECT try.ok, (SELECT count(*) FROM mine),"
                  + " (SELECT k.holder::text FROM "
                  + q
                  + ".locks k JOIN pg_locks l ON l.pid = k.backend_pid"
                  + " WHERE k.environment = ? AND l.locktype = 'advisory' AND l.granted"
                  + " AND l.database = (SELECT oid FROM pg_database WHERE datname ="
                  + " current_database()) AND l.classid::bigint = ? AND l.objid::bigint = ?"
                  + " AND l.objsubid = 1)"
                  + " FROM try")) {
        s.setLong(1, key);
        s.setString(2, environment);
        s.setString(3, Holder.of(command, env));
        s.setString(4, environment);
        s.setLong(5, key >>> 32);
        s.setLong(6, key & 0xffffffffL);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          got = r.getBoolean(1);
          holder = r.getString(3);
        }
      }
      if (!got) {
        c.close();
        // null: the holder's own statement has not committed its row yet, or a parity older than
        // schema 2 holds it; never a row left by a session that has ended.
        throw new ParityException(
            Holder.lockedMessage(environment, holder == null ? "{}" : holder, where()));
      }
      lockSessions.add(c);
      return Store.lease(
          environment,
          () -> {
            lockSessions.remove(c);
            try (c) {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "DELETE FROM "
                          + q
                          + ".locks WHERE environment = ? AND backend_pid = pg_backend_pid()")) {
                s.setString(1, environment);
                s.executeUpdate();
              }
              try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                s.setLong(1, key);
                s.execute();
              }
            } catch (SQLException e) {
              // closing the session releases the lock either way; a row left is never named
            }
          });
    } catch (SQLException e) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // the session's end releases whatever it held
      }
      throw failed("cannot lock environment " + environment, e);
    }
  }

  @Override
  public VersionHistory history() {
    return new VersionHistory() {
      @Override
      public Optional<Instant> firstReached(String service, String version) {
        try (PreparedStatement s =
            connection()
                .prepareStatement(
                    "SELECT min(at) FROM " + q + ".versions WHERE service = ? AND version = ?")) {
          s.setString(1, service);
          s.setString(2, version);
          try (ResultSet r = s.executeQuery()) {
            r.next();
            Timestamp t = r.getTimestamp(1);
            if (t == null) {
              return Optional.empty();
            }
            Optional<String> bad = dev.parity.text.Instants.problem(t.toInstant(), Instant.now());
            if (bad.isPresent()) {
              throw new ParityException(
                  where()
                      + ": "
                      + q
                      + ".versions dates "
                      + service
                      + " "
                      + version
                      + " at "
                      + bad.get()
                      + "; the patch window cannot be measured: fix or remove that row");
            }
            return Optional.of(t.toInstant());
          }
        } catch (SQLException e) {
          throw failed("cannot read the version history", e);
        }
      }

      @Override
      public void record(String service, String version, String environment, Instant at) {
        try (PreparedStatement s =
            connection()
                .prepareStatement(
                    "INSERT INTO "
                        + q
                        + ".versions (service, version, environment, at) VALUES (?, ?, ?, ?)")) {
          s.setString(1, service);
          s.setString(2, version);
          s.setString(3, environment);
          s.setTimestamp(4, Timestamp.from(at));
          s.executeUpdate();
        } catch (SQLException e) {
          throw failed("cannot record the version history", e);
        }
      }
    };
  }

  @Override
  public void recordChangeSet(String environment, String sha256, JsonNode document) {
    try (PreparedStatement s =
        connection()
            .prepareStatement(
                "INSERT INTO "
                    + q
                    + ".change_sets (environment, sha256, document) VALUES (?, ?, ?::jsonb)")) {
      s.setString(1, environment);
      s.setString(2, sha256);
      s.setString(3, JSON.writeValueAsString(document));
      s.executeUpdate();
    } catch (SQLException e) {
      throw failed("cannot record the change set of " + environment, e);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void recordRun(ObjectNode record) {
    try (PreparedStatement s =
        connection()
            .prepareStatement(
                "INSERT INTO "
                    + q
                    + ".runs (command, environment, run_by, host, started, ended, exit_code,"
                    + " plan_fingerprint, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
      s.setString(1, record.path("command").asText());
      s.setString(2, record.path("environment").textValue());
      s.setString(3, record.path("user").textValue());
      s.setString(4, Holder.hostName());
      s.setTimestamp(5, timestamp(record.path("started").textValue()));
      s.setTimestamp(6, timestamp(record.path("ended").textValue()));
      s.setInt(7, record.path("exit_code").asInt());
      s.setString(8, record.path("plan_fingerprint").textValue());
      s.setString(9, JSON.writeValueAsString(record));
      s.executeUpdate();
    } catch (SQLException e) {
      throw failed("cannot record the run", e);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public java.util.List<JsonNode> liveChecks(Instant since) {
    try (PreparedStatement s =
        connection()
            .prepareStatement(
                "SELECT id, record::text FROM "
                    + q
                    + ".runs WHERE command = ANY (?)"
                    + " AND jsonb_typeof(record->'results'->'environments') = 'array'"
                    + " AND started >= ? ORDER BY started, id")) {
      s.setArray(
          1,
          s.getConnection()
              .createArrayOf("text", dev.parity.workdir.RunRecords.LIVE_CHECKS.toArray()));
      s.setTimestamp(2, Timestamp.from(since));
      java.util.List<JsonNode> records = new java.util.ArrayList<>();
      Instant now = Instant.now();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          records.add(
              dev.parity.workdir.RunRecordContract.check(
                  JSON.readTree(r.getString(2)),
                  where() + ": the row of " + q + ".runs with id " + r.getLong(1),
                  now));
        }
      }
      return records;
    } catch (SQLException e) {
      throw failed("cannot read the run records", e);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Timestamp timestamp(String iso) {
    return iso == null ? null : Timestamp.from(Instant.parse(iso));
  }

  @Override
  public Optional<JsonNode> rollout(String service) {
    try (PreparedStatement s =
        connection()
            .prepareStatement("SELECT state::text FROM " + q + ".rollouts WHERE service = ?")) {
      s.setString(1, service);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(JSON.readTree(r.getString(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failed("cannot read the rollout of " + service, e);
    } catch (java.io.IOException e) {
      throw new ParityException("the rollout state of " + service + " in the store is unreadable");
    }
  }

  @Override
  public void saveRollout(String service, JsonNode state) {
    try (PreparedStatement s =
        connection()
            .prepareStatement(
                "INSERT INTO "
                    + q
                    + ".rollouts (service, state, updated) VALUES (?, ?::jsonb, now())"
                    + " ON CONFLICT (service) DO UPDATE SET state = EXCLUDED.state,"
                    + " updated = now()")) {
      s.setString(1, service);
      s.setString(2, JSON.writeValueAsString(state));
      s.executeUpdate();
    } catch (SQLException e) {
      throw failed("cannot save the rollout of " + service, e);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Optional<JsonNode> verdictState(String environment) {
    try (PreparedStatement s =
        connection()
            .prepareStatement("SELECT state::text FROM " + q + ".verdicts WHERE environment = ?")) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(JSON.readTree(r.getString(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failed("cannot read the notification state of " + environment, e);
    } catch (java.io.IOException e) {
      throw new ParityException(
          "the notification state of " + environment + " in the store is unreadable");
    }
  }

  @Override
  public void saveVerdictState(String environment, JsonNode state) {
    try (PreparedStatement s =
        connection()
            .prepareStatement(
                "INSERT INTO "
                    + q
                    + ".verdicts (environment, state, updated) VALUES (?, ?::jsonb, now())"
                    + " ON CONFLICT (environment) DO UPDATE SET state = EXCLUDED.state,"
                    + " updated = now()")) {
      s.setString(1, environment);
      s.setString(2, JSON.writeValueAsString(state));
      s.executeUpdate();
    } catch (SQLException e) {
      throw failed("cannot save the notification state of " + environment, e);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public GeneratedSecrets generatedSecrets(String environment) {
    return ref -> {
      try {
        // The first agent's value wins; every later read, from any agent, gets it.
        try (PreparedStatement s =
            connection()
                .prepareStatement(
                    "INSERT INTO "
                        + q
                        + ".secrets (environment, name, value) VALUES (?, ?, ?)"
                        + " ON CONFLICT (environment, name) DO NOTHING")) {
          s.setString(1, environment);
          s.setString(2, ref.name());
          s.setString(3, GeneratedSecrets.create(ref));
          s.executeUpdate();
        }
        try (PreparedStatement s =
            connection()
                .prepareStatement(
                    "SELECT value FROM " + q + ".secrets WHERE environment = ? AND name = ?")) {
          s.setString(1, environment);
          s.setString(2, ref.name());
          try (ResultSet r = s.executeQuery()) {
            r.next();
            return r.getString(1);
          }
        }
      } catch (SQLException e) {
        throw failed("cannot read the generated secret '" + ref.name() + "'", e);
      }
    };
  }

  @Override
  public java.util.List<String> secretValues() {
    java.util.List<String> values = new java.util.ArrayList<>(target.secretParts());
    values.add(connStr);
    return values;
  }

  @Override
  public Optional<String> stateConnStr() {
    return Optional.of(connStr);
  }

  @Override
  public String identity() {
    return "postgresql://" + target.describe() + "#" + schema;
  }

  @Override
  public String where() {
    return "store schema " + schema + " at " + target.describe();
  }

  /**
   * Ends every session, the lock sessions too: as when the process ends, every lock is released.
   */
  @Override
  public synchronized void close() {
    for (Connection c : lockSessions) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // the server ends the session either way
      }
    }
    lockSessions.clear();
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // nothing is left to write
      }
      connection = null;
    }
  }
}
