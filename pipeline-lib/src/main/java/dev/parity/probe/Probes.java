package dev.parity.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.process.ProcessResult;
import dev.parity.process.ProcessRunner;
import dev.parity.process.ProcessSpec;
import dev.parity.text.BoundedMatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The probes: PostgreSQL over JDBC, memcached's text protocol, a TCP port, HTTP (JSON pointer or
 * regex), a command.
 */
public final class Probes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Probes() {}

  /** {@code SHOW server_version} over JDBC; the password may be null (trust). */
  public static VersionProbe postgres(String host, int port, String user, String password) {
    return timeout ->
        timed(
            () -> {
              try (Connection c = postgresConnection(host, port, user, password, timeout);
                  Statement st = c.createStatement();
                  ResultSet rs = st.executeQuery("SHOW server_version")) {
                rs.next();
                return rs.getString(1).split(" ")[0];
              }
            });
  }

  /**
   * A PostgreSQL node's part in streaming replication, over JDBC as the version probe logs in:
   * {@code pg_is_in_recovery()}, a standby's WAL receiver, a primary's senders and their replay
   * lag.
   */
  public static ReplicationState replication(
      String node, String host, int port, String user, String password, Duration timeout) {
    try (Connection c = postgresConnection(host, port, user, password, timeout);
        Statement st = c.createStatement()) {
      boolean standby;
      try (ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
        rs.next();
        standby = rs.getBoolean(1);
      }
      if (standby) {
        try (ResultSet rs = st.executeQuery("SELECT status FROM pg_stat_wal_receiver")) {
          return new ReplicationState(
              node, null, true, rs.next() ? rs.getString(1) : null, List.of());
        }
      }
      List<ReplicationState.Sender> senders = new java.util.ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT application_name, state,"
                  + " pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint"
                  + " FROM pg_stat_replication ORDER BY application_name")) {
        while (rs.next()) {
          long lag = rs.getLong(3);
          senders.add(
              new ReplicationState.Sender(
                  rs.getString(1), rs.getString(2), rs.wasNull() ? null : lag));
        }
      }
      return new ReplicationState(node, null, false, null, senders);
    } catch (Exception e) {
      return ReplicationState.unreachable(node, describe(e));
    }
  }

  private static Connection postgresConnection(
      String host, int port, String user, String password, Duration timeout)
      throws java.sql.SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    if (password != null) {
      props.setProperty("password", password);
    }
    int seconds = (int) Math.max(1, Math.ceil(timeout.toMillis() / 1000.0));
    props.setProperty("connectTimeout", Integer.toString(seconds));
    props.setProperty("socketTimeout", Integer.toString(seconds));
    props.setProperty("loginTimeout", Integer.toString(seconds));
    props.setProperty("ApplicationName", "parity-probe");
    return DriverManager.getConnection(
        "jdbc:postgresql://" + host + ":" + port + "/postgres", props);
  }

  /** {@code version} over memcached's text protocol: {@code VERSION 1.6.18}. */
  public static VersionProbe memcached(String host, int port) {
    return timeout ->
        timed(
            () -> {
              try (Socket s = connect(host, port, timeout)) {
                s.getOutputStream().write("version\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                String line = firstLine(s);
                if (line == null || !line.startsWith("VERSION ")) {
                  throw new IOException(
                      "unexpected answer to version: " + (line == null ? "(closed)" : line));
                }
                return line.substring("VERSION ".length()).strip();
              }
            });
  }

  /**
   * An SSH server: reachable when it sends its identification line ({@code SSH-2.0-...}, RFC 4253
   * 4.2), whose software part is the "version". Nothing is sent, nothing logs in.
   */
  public static VersionProbe ssh(String host, int port) {
    return timeout ->
        timed(
            () -> {
              try (Socket s = connect(host, port, timeout)) {
                String line = firstLine(s);
                if (line == null || !line.startsWith("SSH-")) {
                  throw new IOException(
                      "no SSH server answers there ("
                          + (line == null ? "it closed the connection" : "it said something else")
                          + ")");
                }
                return dev.parity.text.Untrusted.visible(line.strip());
              }
            });
  }

  /** Reachable when the port accepts a connection; reports no version. */
  public static VersionProbe tcp(String host, int port) {
    return timeout -> {
      long start = System.nanoTime();
      try (Socket s = connect(host, port, timeout)) {
        return Observation.reachableWithoutVersion(since(start));
      } catch (IOException e) {
        return Observation.unreachable(describe(e), since(start));
      }
    };
  }

  /**
   * GET the URL; the version is at the JSON pointer (when given) or group 1 of the regex in the
   * body.
   */
  public static VersionProbe http(String url, String jsonPointer, String regex) {
    return timeout ->
        timed(
            () -> {
              HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
              HttpResponse<String> response =
                  client.send(
                      HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
                      HttpResponse.BodyHandlers.ofString());
              if (response.statusCode() / 100 != 2) {
                throw new IOException("HTTP " + response.statusCode() + " from " + url);
              }
              if (jsonPointer != null) {
                JsonNode value = JSON.readTree(response.body()).at(jsonPointer);
                if (value.isMissingNode() || value.isNull()) {
                  throw new IOException(
                      "no value at " + jsonPointer + " in the response of " + url);
                }
                return regex == null ? value.asText() : match(regex, value.asText());
              }
              return match(regex == null ? "(\\d+(?:\\.\\d+)+)" : regex, response.body());
            });
  }

  /**
   * Runs the command (argument list, no shell); group 1 of the regex in its output is the version.
   */
  public static VersionProbe command(ProcessRunner runner, List<String> argv, String regex) {
    return timeout ->
        timed(
            () -> {
              ProcessResult r =
                  runner.run(
                      ProcessSpec.of("probe", argv, Path.of("."), timeout)
                          .withGrace(Duration.ofMillis(200)));
              if (!r.succeeded()) {
                throw new IOException(r.failure().getMessage());
              }
              return match(regex, r.stdout() + r.stderr());
            });
  }

  private static String match(String regex, String text) throws IOException {
    try {
      return BoundedMatch.group1(Pattern.compile(regex), text, BoundedMatch.DEFAULT)
          .orElseThrow(() -> new IOException("no match for " + regex));
    } catch (BoundedMatch.TooSlow e) {
      throw new IOException(e.getMessage());
    }
  }

  private interface Read {
    String version() throws Exception;
  }

  private static Observation timed(Read read) {
    long start = System.nanoTime();
    try {
      return Observation.version(read.version(), since(start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Observation.unreachable("interrupted", since(start));
    } catch (Exception e) {
      return Observation.unreachable(describe(e), since(start));
    }
  }

  /** The first line the server sends (ASCII), or null when it closes first. */
  private static String firstLine(Socket s) throws IOException {
    return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
        .readLine();
  }

  private static Socket connect(String host, int port, Duration timeout) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
    s.setSoTimeout((int) Math.max(1, timeout.toMillis()));
    return s;
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static String describe(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
