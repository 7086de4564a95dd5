package dev.parity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * terraform.module names a directory inside the repository: parity links every entry of it into the
 * engine's root and fingerprints every file under it, so a module that is, or leads to, a directory
 * elsewhere (/, through a link) is refused before the engine runs.
 */
class ModulePathTest {
  private FakeToolsLocal local;

  @BeforeEach
  void local() throws Exception {
    local = new FakeToolsLocal(false);
  }

  @AfterEach
  void remove() throws Exception {
    local.close();
  }

  @Test
  void aModuleThatLeadsOutOfTheRepositoryThroughALinkIsRefusedBeforeTheEngineRuns()
      throws Exception {
    Path repository = local.home.root();
    Files.createSymbolicLink(repository.resolve("elsewhere"), Path.of("/"));
    local.home.write(
        "vars/local.yml",
        Files.readString(local.home.vars().resolve("local.yml"))
            + "terraform: { module: elsewhere }\n");

    FakeToolsLocal.Run plan = local.parity("plan", "--env", "local");

    assertThat(plan.exit()).as(plan.all()).isEqualTo(1);
    assertThat(plan.err())
        .contains("terraform.module: 'elsewhere' leads to /, which is not a directory inside")
        .doesNotContain("\tat ");
    assertThat(local.tools.sequence()).doesNotContain("tofu plan", "tofu init");
    try (var linked = Files.list(local.home.work().resolve("local/terraform/root"))) {
      assertThat(linked.map(p -> p.getFileName().toString())).doesNotContain("proc", "etc");
    }
  }
}
