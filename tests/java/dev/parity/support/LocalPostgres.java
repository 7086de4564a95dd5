package dev.parity.support;

import dev.parity.process.ExecProcessRunner;
import dev.parity.process.ProcessRunner;
import dev.parity.process.ProcessSpec;
import dev.parity.toolchain.ServiceUser;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real PostgreSQL server for tests, from a pinned build, run as the unprivileged service user in
 * a private directory and stopped (and its directory removed) by {@link #close()}: use it in
 * try-with-resources.
 */
public final class LocalPostgres implements AutoCloseable {
  private static final Duration STEP = Duration.ofSeconds(90);
  private final ProcessRunner runner = new ExecProcessRunner();
  private final ServiceUser user = ServiceUser.current();
  private final Path base;
  private final Path bin;
  private final Path data;
  private final int port;
  private boolean started;

  private LocalPostgres(Path build) throws IOException {
    // Under /tmp, not the tool cache: the service user may not traverse the invoking user's home.
    base = Files.createTempDirectory("parity-pg-");
    bin = base.resolve("pgsql");
    data = base.resolve("data");
    port = freePort();
    run("cp", List.of("cp", "-a", build.toString(), bin.toString()), false);
    Files.createDirectories(data);
    if (user.switchTo()) {
      run("chown", List.of("chown", "-R", user.name(), base.toString()), false);
    }
    run("chmod", List.of("chmod", "0755", base.toString()), false);
    run("chmod", List.of("chmod", "0700", data.toString()), false);
  }

  /**
   * Starts the given pinned version ("16.4"), initialised with trust auth for the user postgres on
   * loopback.
   */
  public static LocalPostgres start(String version) throws IOException {
    Path postgres = RequiredTools.require("postgresql " + version);
    LocalPostgres pg = new LocalPostgres(postgres.getParent().getParent());
    try {
      pg.run(
          "initdb",
          List.of(
              pg.bin.resolve("bin/initdb").toString(),
              "-D",
              pg.data.toString(),
              "-U",
              "postgres",
              "--auth=trust",
              "-E",
              "UTF8",
              "--no-sync"),
          true);
      pg.started = true;
      pg.run(
          "pg_ctl",
          List.of(
              pg.bin.resolve("bin/pg_ctl").toString(),
              "-D",
              pg.data.toString(),
              "-w",
              "-t",
              "60",
              "-l",
              pg.base.resolve("server.log").toString(),
              "-o",
              "-p " + pg.port + " -k " + pg.base + " -c listen_addresses=127.0.0.1",
              "start"),
          true);
      return pg;
    } catch (IOException | RuntimeException e) {
      pg.close();
      throw e;
    }
  }

  public int port() {
    return port;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
  }

  @Override
  public void close() throws IOException {
    try {
      if (started) {
        runner.run(
            ProcessSpec.of(
                "pg_ctl",
                user.wrap(
                    List.of(
                        bin.resolve("bin/pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-m",
                        "immediate",
                        "-w",
                        "stop")),
                base,
                STEP));
      }
    } finally {
      runner.run(ProcessSpec.of("rm", List.of("rm", "-rf", base.toString()), Path.of("/"), STEP));
    }
  }

  private void run(String tool, List<String> argv, boolean asServiceUser) throws IOException {
    List<String> command = asServiceUser ? user.wrap(argv) : new ArrayList<>(argv);
    var result = runner.run(ProcessSpec.of(tool, command, base, STEP));
    if (!result.succeeded()) {
      throw new IOException(
          tool + " failed (" + result.exitCode() + "): " + String.join(" | ", result.tail(6)));
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
