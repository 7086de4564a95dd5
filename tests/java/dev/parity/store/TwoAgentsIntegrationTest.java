package dev.parity.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.support.LocalPostgres;
import dev.parity.support.LocalStack;
import dev.parity.support.ParityCli;
import dev.parity.support.ParityCli.Run;
import dev.parity.support.ParityHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two Jenkins agents as a team runs them: two clones of one real bare git repository, two work
 * dirs, one real PostgreSQL store; dev and staging are lab hosts over SSH. What one agent does, the
 * other sees: state, generated secrets, the lock, the rollout's resume point and its commits.
 */
@Tag("integration")
class TwoAgentsIntegrationTest {
  private static final Duration STEP = Duration.ofMinutes(15);

  /**
   * A probe that answers the old version whatever runs, added after staging's port (the rollout
   * adds its version first): staging answers before the rollout, which then starts, and fails its
   * assertion after the upgrade, which halts it there.
   */
  private static final String FAILING_PROBE =
      ", probe: { type: command, command: [\"echo\", \"16.2\"], regex: \"(16.2)\" }";

  private ParityHome a;
  private Path b;
  private Path bare;
  private LocalPostgres store;
  private Map<String, String> envA;
  private Map<String, String> envB;

  @BeforeEach
  void twoAgentsOneStoreOneRepository() throws Exception {
    store = LocalPostgres.start("16.4");
    a = ParityHome.copyOfRepository();
    a.removeEnvironments("local", "qa", "prod");
    a.write(
        "vars/common.yml",
        Files.readString(a.vars().resolve("common.yml"))
                .replace("project: shop", "project: twoagents")
                // staging's probe is made to fail below: a difference allowed, so check passes
                .replace(
                    "    - services.postgresql.settings.work_mem",
                    "    - services.postgresql.settings.work_mem\n    - services.postgresql.probe")
            + "store:\n  conn_str: { env: PARITY_STORE_URL }\n");
    a.useLab("dev", "{ db: 1, cache: 1 }", null);
    a.useLab("staging", "{ db: 1, cache: 1 }", null);
    a.write(".gitignore", ".parity/\n");
    git(a.root(), "init", "--quiet", "--initial-branch=main");
    git(a.root(), "add", ".");
    commit(a.root(), "the team's variable sets");
    bare = Files.createTempDirectory("parity-bare-").resolve("vars.git");
    git(a.root(), "clone", "--quiet", "--bare", a.root().toString(), bare.toString());
    git(a.root(), "remote", "add", "origin", bare.toString());
    git(a.root(), "fetch", "--quiet", "origin");
    git(a.root(), "branch", "--quiet", "--set-upstream-to=origin/main");
    b = Files.createTempDirectory("parity-agent-b-").resolve("checkout");
    git(bare.getParent(), "clone", "--quiet", bare.toString(), b.toString());
    String url =
        "postgres://postgres:store-password@127.0.0.1:"
            + store.port()
            + "/postgres?sslmode=disable";
    envA = a.env(Map.of("PARITY_STORE_URL", url));
    envB = new HashMap<>(envA);
    envB.put("PARITY_HOME", b.toString());
  }

  @AfterEach
  void takeDown() throws Exception {
    try {
      new LocalStack(a, envA).downAll();
      assertThat(Path.of("/var/lib/parity-lab", labPrefix()))
          .as("the lab hosts of the store are gone")
          .doesNotExist();
    } finally {
      a.close();
      store.close();
      delete(b.getParent());
      delete(bare.getParent());
    }
  }

  @Test
  void deployFromAReconcileFromBOneLockRolloutHaltedInBResumedInAPushedAndDeployedFromB()
      throws Exception {
    for (String env : List.of("dev", "staging")) {
      Run deploy = parity(envA, "deploy", "--env", env);
      assertThat(deploy.exit()).as(deploy.all()).isZero();
    }

    // The nightly reconcile on another agent: same state, same secrets, same hosts.
    Run reconcile = parity(envB, "reconcile", "--all");
    assertThat(reconcile.exit()).as(reconcile.all()).isZero();
    assertThat(reconcile.all()).doesNotContain("to create").doesNotContain("changed outside");

    // A deploy in A and a reconcile in B on one environment at once: B is refused, naming A.
    try (ParityCli.Running deploying = ParityCli.start(envA, "deploy", "--env", "dev")) {
      deploying.awaitOutput("== dev: plan");
      Run refused = parity(envB, "reconcile", "--env", "dev");
      assertThat(refused.exit()).as(refused.all()).isNotZero();
      assertThat(refused.all())
          .contains("dev is locked by another parity run: parity deploy (pid")
          .contains("store schema parity_twoagents");
      Run deployed = deploying.await(STEP);
      assertThat(deployed.exit()).as(deployed.all()).isZero();
    }

    // Staging's check will fail: the rollout from B halts there, its commits pushed.
    a.write(
        "vars/staging.yml",
        Files.readString(a.vars().resolve("staging.yml"))
            .replace("port: 5432 }", "port: 5432" + FAILING_PROBE + " }"));
    commit(a.root(), "a probe that answers the old version");
    git(a.root(), "push", "--quiet", "origin", "main");
    git(b, "pull", "--quiet", "--ff-only");
    Run halted = rollout(envB);
    assertThat(halted.exit()).as(halted.all()).isEqualTo(2);
    assertThat(halted.all()).contains("stopped at staging").contains("--resume");
    assertThat(git(b, "log", "--format=%s", "-3"))
        .contains("rollout: postgresql 16.2 -> 16.4 in staging")
        .contains("rollout: postgresql 16.2 -> 16.4 in dev");
    assertThat(git(b, "status", "--porcelain")).isBlank();
    git(b, "push", "--quiet", "origin", "HEAD:main");

    // A pulls, fixes staging, resumes where B stopped (the resume point is in the store).
    git(a.root(), "pull", "--quiet", "--ff-only");
    a.write(
        "vars/staging.yml",
        Files.readString(a.vars().resolve("staging.yml")).replace(FAILING_PROBE, ""));
    commit(a.root(), "staging's probe fixed");
    Run resumed = rollout(envA, "--resume");
    assertThat(resumed.exit()).as(resumed.all()).isZero();
    assertThat(resumed.all()).contains("dev already at postgresql 16.4 (resumed)");
    git(a.root(), "push", "--quiet", "origin", "main");

    // What was pushed is what B deploys: no change, and the live version is the rolled-out one.
    git(b, "pull", "--quiet", "--ff-only");
    assertThat(Files.readString(b.resolve("vars/staging.yml"))).contains("version: \"16.4\"");
    Run deployB = parity(envB, "deploy", "--env", "staging");
    assertThat(deployB.exit()).as(deployB.all()).isZero();
    assertThat(deployB.all()).doesNotContain("== staging: apply");
    Run assertB = parity(envB, "assert", "--env", "staging", "--format", "json");
    assertThat(assertB.exit()).as(assertB.all()).isZero();
    assertThat(assertB.all().replace(" ", "")).contains("\"observed\":\"16.4\"");
    // B's report carries the team's history from the store: A's first deploy of staging (16.2),
    // which B's own work dir never saw.
    assertThat(Files.readString(b.resolve(".parity/reports/staging/report.html")))
        .contains("staging postgresql 16.2 from");
    Path teamReport = b.getParent().resolve("team-report.html");
    Run report = parity(envB, "report", "--format", "html", "--out", teamReport.toString());
    assertThat(report.exit()).as(report.all()).isZero();
    assertThat(Files.readString(teamReport)).contains("staging postgresql 16.2 from");

    // Every run left its row in the store, from both agents.
    try (var c = store.connect();
        var rs =
            c.createStatement()
                .executeQuery(
                    "SELECT count(*), count(DISTINCT record->>'command') FROM"
                        + " parity_twoagents.runs")) {
      rs.next();
      assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(8);
    }
    // A broken environment file in A: what runs is still taken down (after this test), because
    // common.yml's store holds the state.
    a.append("vars/staging.yml", "not_a_key: [\n");
    assertThat(parity(envA, "validate").exit()).isEqualTo(1);
    assertThat(envA.get("PARITY_STORE_URL")).contains("store-password");
    assertThat(String.join("\n", halted.all(), resumed.all(), deployB.all()))
        .doesNotContain("store-password");
  }

  private String labPrefix() {
    return dev.parity.terraform.Infrastructure.labPrefix(
        "postgresql://127.0.0.1:" + store.port() + "/postgres#parity_twoagents");
  }

  /** The rollout of postgresql 16.4 through dev and staging, from one agent. */
  private static Run rollout(Map<String, String> env, String... more) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "rollout",
                "--service",
                "postgresql",
                "--to",
                "16.4",
                "--envs",
                "dev,staging",
                "--auto-approve"));
    args.addAll(List.of(more));
    return parity(env, args.toArray(String[]::new));
  }

  private static Run parity(Map<String, String> env, String... args) throws Exception {
    try (ParityCli.Running running = ParityCli.start(env, args)) {
      return running.await(STEP);
    }
  }

  private static void commit(Path repo, String message) throws IOException, InterruptedException {
    git(repo, "add", "-A");
    git(
        repo,
        "-c",
        "user.name=test",
        "-c",
        "user.email=test@localhost",
        "commit",
        "-q",
        "-m",
        message);
  }

  private static String git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of("git"));
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as("git " + String.join(" ", args) + ": " + out).isZero();
    return out;
  }

  private static void delete(Path dir) throws IOException, InterruptedException {
    new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor(1, TimeUnit.MINUTES);
  }
}
