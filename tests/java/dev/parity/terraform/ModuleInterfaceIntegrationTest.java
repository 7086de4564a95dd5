package dev.parity.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.error.ParityException;
import dev.parity.process.ExecProcessRunner;
import dev.parity.support.ParityHome;
import dev.parity.toolchain.ToolCache;
import dev.parity.toolchain.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a module declares, as the real pinned OpenTofu reads it. */
@Tag("integration")
class ModuleInterfaceIntegrationTest {
  private final Engine engine =
      Engine.resolve(Toolchain.pinned(), ToolCache.fromEnvironment(), Map.of());

  private ModuleInterface ask(Path module) {
    return ModuleInterface.ask(new ExecProcessRunner(), engine, module);
  }

  @Test
  void theLabModuleTakesTheLabAndTheLocalModuleDoesNot() {
    ModuleInterface lab = ask(ParityHome.REPOSITORY.resolve("terraform/lab"));
    ModuleInterface local = ask(ParityHome.REPOSITORY.resolve("terraform"));

    assertThat(lab.variables()).contains("lab", "environment", "topology");
    assertThat(local.variables()).contains("environment", "topology").doesNotContain("lab");
    assertThat(lab.ownBackend()).isFalse();
    assertThat(local.ownBackend()).isFalse();
  }

  @Test
  void declarationsInJsonAndTofuFilesCountAndACommentDoesNot(@TempDir Path module)
      throws Exception {
    Files.writeString(
        module.resolve("vars.tf.json"), "{\"variable\":{\"secrets\":{\"type\":\"map(string)\"}}}");
    Files.writeString(module.resolve("more.tofu"), "variable \"region\" {\n  default = \"x\"\n}\n");
    Files.writeString(
        module.resolve("main.tf"), "# variable \"lab\" {}\n/*\nvariable \"lab\" {}\n*/\n");

    ModuleInterface found = ask(module);

    assertThat(found.variables()).containsExactlyInAnyOrder("secrets", "region");
    assertThat(found.declares("lab")).as("a commented-out declaration").isFalse();
  }

  @Test
  void aBackendTheModuleDeclaresIsItsOwnWhereverItIsWritten(@TempDir Path module) throws Exception {
    Files.writeString(
        module.resolve("state.tf.json"),
        "{\"terraform\":{\"backend\":{\"local\":{\"path\":\"team.tfstate\"}}}}");
    Files.writeString(module.resolve("main.tf"), "variable \"environment\" {}\n");
    Path commented = Files.createDirectory(module.resolve("other"));
    Files.writeString(
        commented.resolve("main.tf"),
        "terraform {\n  # backend \"s3\" {\n  required_version = \">= 1.6\"\n}\n");

    assertThat(ask(module).ownBackend()).isTrue();
    assertThat(ask(module).variables()).containsExactly("environment");
    assertThat(ask(commented).ownBackend()).as("a backend only in a comment").isFalse();
  }

  @Test
  void aModuleTheEngineCannotReadIsAnErrorNamingTheFileAndLine(@TempDir Path module)
      throws Exception {
    Files.writeString(module.resolve("main.tf"), "variable \"x\" {\n");

    assertThatThrownBy(() -> ask(module))
        .isInstanceOf(ParityException.class)
        .hasMessageContaining("does not load")
        .hasMessageContaining("main.tf line 1");
    assertThat(module).isDirectoryContaining(p -> p.getFileName().toString().equals("main.tf"));
    try (var files = Files.list(module)) {
      assertThat(files).as("nothing written into the module").hasSize(1);
    }
  }
}
