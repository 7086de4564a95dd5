package dev.parity.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.support.LocalStack;
import dev.parity.support.ParityCli.Run;
import dev.parity.support.ParityHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Protected means approved, on a protected prod of real SSH lab hosts: every command that would
 * change it (deploy, apply, configure, reconcile --restore, down) refuses without its change set
 * approved and changes nothing; the sha256 that plan prints (or a refusal shows) lets exactly that
 * change through, and no longer once the variable set says something else.
 */
@Tag("integration")
class ProtectedEnvironmentIntegrationTest {
  private ParityHome home;
  private LocalStack stack;

  @BeforeEach
  void protectedProdOnLabHosts() throws Exception {
    home = ParityHome.copyOfRepository();
    stack = new LocalStack(home, home.env(Map.of()));
    home.removeEnvironments("local", "dev", "qa", "staging");
    home.useLab("prod", "{ db: 1, cache: 1 }", null);
    home.append("vars/prod.yml", "protected: true\nsizing:\n  cache: { memory_mb: 1024 }\n");
  }

  @AfterEach
  void takeDown() throws Exception {
    stack.downAll();
    home.close();
  }

  private static String sha(Run run) {
    return dev.parity.support.ParityCli.lastSha256(run.all());
  }

  private void edit(String from, String to) throws Exception {
    Path file = home.vars().resolve("prod.yml");
    String text = Files.readString(file);
    assertThat(text).contains(from);
    home.write("vars/prod.yml", text.replace(from, to));
  }

  private String version() throws Exception {
    return stack.sql("prod", 0, "SHOW server_version");
  }

  private List<Long> pids() {
    return stack.processes("prod").stream().map(ProcessHandle::pid).sorted().toList();
  }

  @Test
  void everyChangeToProtectedProdWaitsForItsApprovedChangeSet() throws Exception {
    Run first = stack.parity("deploy", "--env", "prod");
    assertThat(first.exit()).as(first.all()).isEqualTo(1);
    assertThat(first.err())
        .contains("prod is protected")
        .contains("nothing deployed yet")
        .contains("create  terraform_data.host[\"db-0\"]");
    assertThat(home.work().resolve("prod/inventory.json")).doesNotExist();

    Run deployed = stack.parity("deploy", "--env", "prod", "--auto-approve");
    assertThat(deployed.exit()).as(deployed.all()).isZero();
    assertThat(version()).isEqualTo("16.2");
    stack.sql("prod", 0, "CREATE TABLE orders (id int); INSERT INTO orders VALUES (1)");
    assertThat(stack.parity("deploy", "--env", "prod").exit())
        .as("nothing to change: nothing to approve")
        .isZero();
    List<Long> running = pids();

    // A patch never reaches Terraform: the change set still holds it, and the gate stops it.
    edit("postgresql: { port: 5432 }", "postgresql: { port: 5432, version: \"16.4\" }");
    Run patch = stack.parity("deploy", "--env", "prod");
    assertThat(patch.exit()).as(patch.all()).isEqualTo(1);
    assertThat(patch.err())
        .contains("stopped at stage gates")
        .contains("prod-db-0 postgresql 16.2 -> 16.4")
        .contains("infrastructure: no changes")
        .contains("nothing was changed");
    assertThat(version()).isEqualTo("16.2");
    assertThat(pids()).isEqualTo(running);

    Run plan = stack.parity("plan", "--env", "prod");
    assertThat(plan.exit()).as(plan.all()).isEqualTo(2);
    String approved = sha(plan);
    assertThat(sha(patch)).as("plan and the refusal name one change set").isEqualTo(approved);

    // Approved, then the variable set changes: the approval no longer holds.
    edit("version: \"16.4\" }", "version: \"16.4\", settings: { work_mem: 32MB } }");
    Run stale = stack.parity("deploy", "--env", "prod", "--approved", approved);
    assertThat(stale.exit()).as(stale.all()).isEqualTo(1);
    assertThat(stale.err()).contains("is not the one approved (approved " + approved);
    assertThat(version()).isEqualTo("16.2");
    edit(", settings: { work_mem: 32MB } }", " }");

    Run patched = stack.parity("deploy", "--env", "prod", "--approved", approved);
    assertThat(patched.exit()).as(patched.all()).isZero();
    assertThat(version()).isEqualTo("16.4");
    assertThat(stack.sql("prod", 0, "SELECT count(*) FROM orders")).isEqualTo("1");

    // apply of a plan that only updates in place.
    edit("memory_mb: 1024", "memory_mb: 2048");
    Run resize = stack.parity("plan", "--env", "prod");
    assertThat(resize.exit()).as(resize.all()).isEqualTo(2);
    assertThat(resize.out()).contains("update  terraform_data.host[\"cache-0\"]");
    Run unapproved = stack.parity("apply", "--env", "prod");
    assertThat(unapproved.exit()).as(unapproved.all()).isEqualTo(1);
    assertThat(unapproved.err()).contains("prod is protected");
    assertThat(stack.parity("plan", "--env", "prod").exit()).as("still to apply").isEqualTo(2);
    Run resized = stack.parity("apply", "--env", "prod", "--approved", sha(resize));
    assertThat(resized.exit()).as(resized.all()).isZero();

    // configure, and a repair of drift.
    Path conf = stack.node("prod", "db-0").resolve("postgresql/pgdata/parity.conf");
    String settings = Files.readString(conf);
    Files.writeString(conf, settings + "work_mem = '64MB'\n");
    Run configure = stack.parity("configure", "--env", "prod");
    assertThat(configure.exit()).as(configure.all()).isEqualTo(1);
    assertThat(configure.err()).contains("prod-db-0: postgresql: Write parity's settings");
    Run repair = stack.parity("reconcile", "--env", "prod", "--restore");
    assertThat(repair.exit()).as(repair.all()).isEqualTo(1);
    assertThat(repair.out()).contains("repair refused").contains("prod is protected");
    assertThat(Files.readString(conf)).endsWith("work_mem = '64MB'\n");
    Run repaired =
        stack.parity("reconcile", "--env", "prod", "--restore", "--approved", sha(repair));
    assertThat(repaired.exit()).as(repaired.all()).isZero();
    assertThat(repaired.out()).contains("-> repaired");
    assertThat(Files.readString(conf)).isEqualTo(settings);

    // down: protected as recorded when deployed, even once the variable set stops saying so.
    running = pids();
    edit("protected: true\n", "");
    Run down = stack.parity("down", "--env", "prod");
    assertThat(down.exit()).as(down.all()).isEqualTo(1);
    assertThat(down.err())
        .contains("prod is protected")
        .contains("delete  terraform_data.host[\"db-0\"]")
        .contains("data deleted");
    assertThat(pids()).isEqualTo(running);
    assertThat(stack.node("prod", "db-0").resolve("postgresql/pgdata")).isDirectory();
    assertThat(version()).isEqualTo("16.4");
    Run destroyPlan = stack.parity("plan", "--env", "prod", "--destroy");
    assertThat(destroyPlan.exit()).as(destroyPlan.all()).isEqualTo(2);
    String destroy = sha(destroyPlan);
    Run withoutAllow = stack.parity("down", "--env", "prod", "--approved", destroy);
    assertThat(withoutAllow.exit()).as(withoutAllow.all()).isEqualTo(1);
    assertThat(withoutAllow.err()).contains("--allow-destroy");
    assertThat(pids()).isEqualTo(running);
    Run gone = stack.parity("down", "--env", "prod", "--approved", destroy, "--allow-destroy");
    assertThat(gone.exit()).as(gone.all()).isZero();
    assertThat(stack.processes("prod")).isEmpty();
    assertThat(home.work().resolve("prod/inventory.json")).doesNotExist();
  }
}
