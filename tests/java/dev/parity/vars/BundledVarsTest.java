package dev.parity.vars;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example variable sets shipped in vars/ are valid and in parity, through the real CLI. */
class BundledVarsTest {
  static final Path BUNDLED = Path.of("..", "vars").toAbsolutePath().normalize();
  @TempDir Path work;

  record Run(int exit, String out, String err) {}

  private Run parity(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--vars";
    all[args.length + 1] = BUNDLED.toString();
    all[args.length + 2] = "--work-dir";
    all[args.length + 3] = work.toString();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), Map.of(), all);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void validateAcceptsTheBundledEnvironments() {
    Run r = parity("validate");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("valid, 5 environment(s): dev, local, prod, qa, staging");
  }

  @Test
  void checkPrintsTheMatrixAndFindsThemInParity() {
    Run r = parity("check");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("service        local    dev     qa      staging  prod")
        .contains("tool: java     17.0     -       -       -        -")
        .contains("postgresql     16.2     16.4    16.2    16.2     16.2")
        .contains("0 error(s)")
        .contains("in parity");
  }

  @Test
  void checkWritesTheDocumentedJson() throws Exception {
    Run r = parity("check", "--format", "json");
    assertThat(r.exit()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.path("environments")).hasSize(5);
    assertThat(json.at("/matrix/prod/postgresql").asText()).isEqualTo("16.2");
    JsonNode lag = json.path("findings").get(0);
    assertThat(lag.path("severity").asText()).isEqualTo("warning");
    assertThat(lag.path("rule").asText()).isEqualTo("patch-lag");
    assertThat(lag.path("path").asText()).isEqualTo("services.postgresql.version");
    assertThat(lag.path("environments").path("dev").asText()).isEqualTo("16.4");
    assertThat(lag.path("message").asText()).isNotBlank();
  }

  @Test
  void aMajorVersionChangeInOneFileMakesCheckExitTwo() throws Exception {
    Path vars = Files.createDirectories(work.resolve("vars"));
    try (var files = Files.list(BUNDLED)) {
      for (Path f : files.toList()) {
        Files.copy(f, vars.resolve(f.getFileName()));
      }
    }
    Files.writeString(
        vars.resolve("qa.yml"),
        Files.readString(vars.resolve("qa.yml"))
            + "services:\n  postgresql: { version: \"17.2\" }\n");
    StringWriter out = new StringWriter();
    int exit =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            Map.of(),
            "check",
            "--vars",
            vars.toString(),
            "--work-dir",
            work.toString());
    assertThat(exit).isEqualTo(2);
    assertThat(out.toString())
        .contains("error    version-mismatch")
        .contains("17.2 (qa)")
        .contains("NOT in parity");
  }

  @Test
  void anEnvironmentOptionThatCouldEscapeTheWorkDirIsRejected() {
    for (String hostile : new String[] {"../x", "a;rm -rf /", "my env", "bad\u0001name", "/etc"}) {
      Run r = parity("validate", "--env", hostile);
      assertThat(r.exit()).as(hostile).isEqualTo(1);
      assertThat(r.err()).contains("--env: invalid environment name").doesNotContain("Exception");
    }
  }

  @Test
  void anUnknownEnvironmentIsNamedWithTheOnesThatExist() {
    Run r = parity("validate", "--env", "production");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains("no environment 'production'")
        .contains("dev, local, prod, qa, staging");
  }

  @Test
  void theBundledToolsDeclareTheOpenTofuAndAnsibleCoreTheToolchainPins() {
    // Two places name these versions: a pin bumped in toolchain.properties alone would make the
    // project's own doctor report its own tools wrong.
    var set = new VarSetLoader().load(BUNDLED);
    var tools = set.environments().get("local").tools();
    var pinned = dev.parity.toolchain.Toolchain.pinned();
    assertThat(tools.get("tofu").version()).isEqualTo(pinned.opentofu());
    assertThat(tools.get("ansible").version()).isEqualTo(pinned.ansibleCore());
  }

  @Test
  void theShippedJsonSchemaIsTheOneTheCodeDescribes() throws Exception {
    String shipped = Files.readString(Path.of("..", "schema", "parity-v1.schema.json"));
    assertThat(shipped)
        .as("regenerate with: ./parity schema > schema/parity-v1.schema.json")
        .isEqualTo(JsonSchemaExport.render());
  }
}
