package dev.parity.toolchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ToolchainTest {
  @Test
  void thePinnedVersionsBuiltIntoTheJarAreThoseOfToolchainProperties() throws Exception {
    Properties file = new Properties();
    try (var in =
        java.nio.file.Files.newInputStream(java.nio.file.Path.of("..", "toolchain.properties"))) {
      file.load(in);
    }
    assertThat(Toolchain.pinned()).isEqualTo(Toolchain.fromProperties(file));
  }

  @Test
  void thePinnedPostgresqlBuildsHoldTwoPatchLevelsOfOneMajorAndAnotherMajor() {
    var byMajor =
        Toolchain.pinned().postgresql().stream()
            .collect(java.util.stream.Collectors.groupingBy(v -> v.split("\\.")[0]));
    assertThat(byMajor).as("majors").hasSizeGreaterThanOrEqualTo(2);
    assertThat(byMajor.values())
        .as("patch levels of one major")
        .anySatisfy(v -> assertThat(v).hasSizeGreaterThanOrEqualTo(2));
  }

  @Test
  void namesAMissingKey() {
    Properties p = new Properties();
    p.setProperty("opentofu.version", "1.10.10");
    assertThatThrownBy(() -> Toolchain.fromProperties(p))
        .hasMessageContaining("ansible-core.version");
  }

  @Test
  void wrapperModuleRepeatsUpstreamReplaceDirectivesButNotLocalOnes() {
    String goMod =
        WrapperModule.goMod(
            "github.com/opentofu/opentofu",
            "v1.10.10",
            List.of(
                "module github.com/opentofu/opentofu",
                "",
                "go 1.24.13",
                "require (",
                "  x v1",
                ")",
                "replace github.com/hashicorp/hcl/v2 v2.20.1 => github.com/opentofu/hcl/v2 v2.20.2-0.2025",
                "replace example.com/local => ./local"));
    assertThat(goMod)
        .contains("go 1.24.13")
        .contains("require github.com/opentofu/opentofu v1.10.10")
        .contains(
            "replace github.com/hashicorp/hcl/v2 v2.20.1 => github.com/opentofu/hcl/v2 v2.20.2-0.2025")
        .doesNotContain("./local");
  }
}
