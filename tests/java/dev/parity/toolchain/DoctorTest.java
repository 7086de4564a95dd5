package dev.parity.toolchain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.process.ExecProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorTest {
  @TempDir Path tmp;

  private Doctor doctor(Path cacheRoot, Map<String, String> env) {
    return new Doctor(
        Toolchain.pinned(),
        new ToolCache(cacheRoot),
        new ExecProcessRunner(),
        env,
        tmp.resolve("terraform"));
  }

  @Test
  void anEmptyToolCacheReportsEveryCachedToolMissingWithTheInstallCommand() {
    List<ToolCheck> checks = doctor(tmp.resolve("empty-cache"), System.getenv()).checkAll();
    assertThat(checks)
        .filteredOn(
            c ->
                c.name().startsWith("opentofu")
                    || c.name().startsWith("postgresql")
                    || c.name().startsWith("ansible"))
        .isNotEmpty()
        .allSatisfy(
            c -> {
              assertThat(c.ok()).isFalse();
              assertThat(c.fix()).isEqualTo("./parity tools install");
            });
    assertThat(Doctor.format(checks))
        .contains("MISSING  opentofu")
        .contains("fix: ./parity tools install");
  }

  @Test
  void aToolWithoutItsInstallMarkerIsNotTrusted() throws Exception {
    Toolchain t = Toolchain.pinned();
    ToolCache cache = new ToolCache(tmp);
    Path tofu = cache.tofu(t.opentofu());
    Files.createDirectories(tofu.getParent());
    Files.writeString(tofu, "#!/bin/sh\necho 'OpenTofu v" + t.opentofu() + "'\n");
    tofu.toFile().setExecutable(true);
    ToolCheck check = doctor(tmp, System.getenv()).check(ToolDescriptor.opentofu(t, cache));
    assertThat(check.ok()).isFalse();
    assertThat(check.problem()).contains("install did not finish");

    ToolCache.markComplete(cache.opentofuDir(t.opentofu()), t.opentofu());
    assertThat(doctor(tmp, System.getenv()).check(ToolDescriptor.opentofu(t, cache)).ok()).isTrue();
  }

  @Test
  void aWrongVersionIsReportedWithTheVersionFound() throws Exception {
    Toolchain t = Toolchain.pinned();
    ToolCache cache = new ToolCache(tmp);
    Path tofu = cache.tofu(t.opentofu());
    Files.createDirectories(tofu.getParent());
    Files.writeString(tofu, "#!/bin/sh\necho 'OpenTofu v0.0.1'\n");
    tofu.toFile().setExecutable(true);
    ToolCache.markComplete(cache.opentofuDir(t.opentofu()), t.opentofu());
    ToolCheck check = doctor(tmp, System.getenv()).check(ToolDescriptor.opentofu(t, cache));
    assertThat(check.ok()).isFalse();
    assertThat(check.found()).isEqualTo("0.0.1");
    assertThat(Doctor.format(List.of(check))).startsWith("WRONG    opentofu");
  }

  @Test
  void memcachedMissingFromPathIsNamedWithItsFix() {
    ToolCheck check =
        doctor(tmp, Map.of("PATH", tmp.toString()))
            .check(ToolDescriptor.memcached(Toolchain.pinned()));
    assertThat(check.ok()).isFalse();
    assertThat(check.location()).isEqualTo("PATH");
    assertThat(check.fix()).contains("memcached=" + Toolchain.pinned().memcached());
  }

  @Test
  void theEngineProviderTreeIsReadForEveryRequirementOnce() throws Exception {
    // As OpenTofu 1.10 prints it for a root requiring two providers and a child requiring one
    // of them again.
    String tree =
        """

        Providers required by configuration:
        .
        ├── provider[registry.opentofu.org/hashicorp/local] ~> 2.5
        ├── provider[registry.opentofu.org/hashicorp/null]
        ├── provider[terraform.io/builtin/terraform]
        └── module.child
            ├── provider[registry.opentofu.org/hashicorp/null]
            └── provider[example.com/acme/thing] >= 1.0.0

        """;
    List<ProviderRequirement> required = ProviderRequirement.parse(tree);
    assertThat(required)
        .extracting(ProviderRequirement::source)
        .containsExactly(
            "registry.opentofu.org/hashicorp/local",
            "registry.opentofu.org/hashicorp/null",
            "example.com/acme/thing");
    Path mirror = tmp.resolve("mirror");
    assertThat(required.get(0).isMirrored(mirror)).isFalse();
    Files.createDirectories(
        mirror.resolve("registry.opentofu.org/hashicorp/local/2.5.1/linux_amd64"));
    assertThat(required.get(0).isMirrored(mirror)).isTrue();
  }
}
