package dev.parity.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Drives the bundled local stack of a {@link ParityHome} through the real CLI, and finds the
 * processes it started, so that every test can take its environments down and prove nothing
 * outlives it.
 */
public final class LocalStack {
  private final ParityHome home;
  private final Map<String, String> env;

  public LocalStack(ParityHome home, Map<String, String> env) {
    this.home = home;
    this.env = env;
  }

  public ParityCli.Run parity(String... args) {
    return ParityCli.inMemory(env, args);
  }

  /** plan + apply, so the environment has an inventory. */
  public void provision(String environment) {
    ParityCli.Run plan = parity("plan", "--env", environment);
    assertThat(plan.exit()).as(plan.all()).isIn(0, 2);
    if (plan.exit() == 2) {
      ParityCli.Run apply = parity("apply", "--env", environment, "--allow-destroy");
      assertThat(apply.exit()).as(apply.all()).isZero();
    }
  }

  public ParityCli.Run configure(String environment, String... more) {
    String[] args =
        Stream.concat(Stream.of("configure", "--env", environment), Stream.of(more))
            .toArray(String[]::new);
    return parity(args);
  }

  /**
   * The data directory of a node, e.g. node("dev", "db-0"): on its lab host's disk for a lab
   * environment, under the work dir's nodes/ for the local stack.
   */
  public Path node(String environment, String node) {
    Path file = home.vars().resolve(environment + ".yml");
    boolean lab;
    try {
      // a lab environment by its variable file, or, once that is gone, by how it was last planned
      lab =
          Files.exists(file)
              ? Files.readString(file).contains("terraform/lab")
              : Files.exists(
                  home.work().resolve(environment).resolve("terraform/root/lab-host.sh"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return lab
        ? home.labRoot().resolve(environment + "-" + node).resolve("disk")
        : home.work().resolve("nodes").resolve(environment).resolve(node);
  }

  /**
   * A JDBC connection as postgres to the environment's PostgreSQL node {@code dbNode} (0, 1, ...),
   * at the address and port its recorded inventory gives (the loopback for the local stack, the
   * host's own address for a lab host).
   */
  public Connection connect(String environment, int dbNode) throws SQLException, IOException {
    JsonNode node = null;
    for (JsonNode n :
        new ObjectMapper()
            .readTree(home.work().resolve(environment).resolve("inventory.json").toFile())
            .path("nodes")) {
      if (n.path("ports").has("postgresql") && n.path("index").asInt() == dbNode) {
        node = n;
      }
    }
    if (node == null) {
      throw new AssertionError(environment + " has no PostgreSQL node " + dbNode);
    }
    String password =
        Files.readString(
                home.work().resolve("secrets").resolve(environment).resolve("db_password"),
                StandardCharsets.UTF_8)
            .strip();
    return DriverManager.getConnection(
        "jdbc:postgresql://"
            + node.path("address").asText()
            + ":"
            + node.path("ports").path("postgresql").asInt()
            + "/postgres",
        "postgres",
        password);
  }

  /**
   * Runs SQL (one or more statements) on a node; the first column of the first row, or null without
   * one.
   */
  public String sql(String environment, int dbNode, String statements)
      throws SQLException, IOException {
    try (Connection c = connect(environment, dbNode);
        var st = c.createStatement()) {
      if (!st.execute(statements)) {
        return null;
      }
      try (var rs = st.getResultSet()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** Live (not zombie) processes whose command line mentions this home or its lab hosts. */
  public List<ProcessHandle> processes() {
    String marker = home.root().toString();
    String lab = home.labRoot() + "/";
    return ProcessHandle.allProcesses()
        .filter(
            p -> {
              String args = arguments(p);
              return p.info().commandLine().orElse("").contains(marker)
                  || args.contains(marker)
                  || args.contains(lab);
            })
        .filter(LocalStack::notZombie)
        .toList();
  }

  public List<ProcessHandle> processes(String environment) {
    String marker = home.work().resolve("nodes").resolve(environment) + "/";
    String lab = home.labRoot().resolve(environment + "-").toString();
    return processes().stream()
        .filter(p -> arguments(p).contains(marker) || arguments(p).contains(lab))
        .toList();
  }

  /**
   * {@code parity down --all}, which must stop every process of this home: whatever is still
   * running a few seconds later is killed, so nothing outlives the test, and then fails it.
   */
  public void downAll() throws InterruptedException {
    ParityCli.Run down = parity("down", "--all", "--auto-approve", "--allow-destroy");
    try {
      // a server that was told to stop may take a moment to exit
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .pollInterval(java.time.Duration.ofMillis(100))
          .until(() -> processes().isEmpty());
    } catch (org.awaitility.core.ConditionTimeoutException stillRunning) {
      // killed below, then named in the failure
    }
    List<ProcessHandle> left = processes();
    left.forEach(ProcessHandle::destroyForcibly);
    assertThat(down.exit()).as("parity down --all: " + down.all()).isZero();
    assertThat(left.stream().map(LocalStack::arguments))
        .as("processes left running after parity down --all")
        .isEmpty();
  }

  /** The process's command line, arguments separated by spaces; empty once it is gone. */
  public static String arguments(ProcessHandle p) {
    try {
      return new String(
              Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
              StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }

  static boolean notZombie(ProcessHandle p) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
      return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException e) {
      return false;
    }
  }
}
