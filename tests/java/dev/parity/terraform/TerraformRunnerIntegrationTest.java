package dev.parity.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.process.ExecProcessRunner;
import dev.parity.text.SecretMasker;
import dev.parity.toolchain.ToolCache;
import dev.parity.toolchain.Toolchain;
import dev.parity.workdir.EnvironmentDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's machine-readable output as the real pinned OpenTofu prints it. */
@Tag("integration")
class TerraformRunnerIntegrationTest {
  private final Engine engine =
      Engine.resolve(Toolchain.pinned(), ToolCache.fromEnvironment(), Map.of());

  @Test
  void anInventoryOfTenThousandNodesIsReadWholeAndNoOutputFileIsLeft(@TempDir Path work)
      throws Exception {
    EnvironmentDir dir = new EnvironmentDir(work.resolve("big"));
    Files.createDirectories(dir.terraformRoot());
    Files.createDirectories(dir.pluginCache());
    Files.createDirectories(dir.planDir());
    // No provider: the output is computed from locals, so only the engine itself runs.
    Files.writeString(
        dir.terraformRoot().resolve("main.tf"),
        """
        terraform {
          backend "local" {}
        }
        locals {
          # range() makes at most 1024 values: 10 x 1000
          indexes = flatten([for a in range(10) : [for b in range(1000) : a * 1000 + b]])
        }
        output "inventory" {
          value = {
            environment = "big"
            nodes = [for i in local.indexes : {
              name = "big-db-${i}", role = "db", index = i, address = "10.231.${floor(i / 250)}.${i % 250 + 1}",
              ports = { postgresql = 5432 }, data_dir = "/var/lib/parity/big-db-${i}", connection = "ssh"
            }]
          }
        }
        """);
    List<String> console = new ArrayList<>();
    TerraformRunner tofu =
        new TerraformRunner(
            new ExecProcessRunner(),
            engine,
            dir,
            "big",
            Map.of(),
            SecretMasker.none(),
            console::add,
            Duration.ofMinutes(5));
    tofu.init();
    Path tfvars = Files.writeString(work.resolve("big.tfvars.json"), "{}");
    tofu.plan(tfvars, dir.planFile());
    tofu.apply(dir.planFile());

    JsonNode outputs = tofu.outputs();

    JsonNode nodes = outputs.at("/inventory/value/nodes");
    assertThat(outputs.toString().length())
        .as("more than any capture keeps")
        .isGreaterThan(1 << 21);
    assertThat(nodes.size()).isEqualTo(10000);
    assertThat(nodes.get(9999).path("name").asText()).isEqualTo("big-db-9999");
    assertThat(
            dev.parity.inventory.InventoryContract.problems(outputs.at("/inventory/value"), "big"))
        .isEmpty();
    try (var left = Files.list(dir.terraformRoot().getParent())) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith(".output-"));
    }
  }
}
