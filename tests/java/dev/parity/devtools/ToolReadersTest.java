package dev.parity.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.vars.Position;
import dev.parity.vars.ToolReaders;
import dev.parity.vars.ToolSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in reader against what the real program printed (captured once from the real programs
 * on this project's machines: tests/resources/tool-output/NAME-VERSION.txt).
 */
class ToolReadersTest {
  private static final Path OUTPUTS = Path.of("..", "tests", "resources", "tool-output");

  static Stream<Path> captured() throws Exception {
    return Files.list(OUTPUTS).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captured")
  void eachBuiltInReaderFindsTheVersionTheRealProgramPrinted(Path output) throws Exception {
    String file = output.getFileName().toString();
    String tool = file.substring(0, file.indexOf('-'));
    String version = file.substring(file.indexOf('-') + 1, file.length() - ".txt".length());
    ToolSpec spec = spec(tool, version, null, null);
    assertThat(ToolReaders.of(spec).versionIn(Files.readString(output))).contains(version);
    assertThat(spec.metBy(version)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captured")
  void noReaderTakesAnotherToolsOutputForItsVersion(Path output) throws Exception {
    String tool = output.getFileName().toString().split("-")[0];
    for (String other :
        List.of("java", "node", "psql", "tofu", "mvn", "go", "python3", "ansible")) {
      if (other.equals(tool) || (tool.equals("mvn") && other.equals("java"))) {
        continue; // mvn -v also names the JDK it runs on: java's pattern finds nothing there,
        // though
      }
      ToolSpec spec = spec(other, "1.0", null, null);
      assertThat(ToolReaders.of(spec).versionIn(Files.readString(output)))
          .as(other + " reading " + output.getFileName())
          .isEmpty();
    }
  }

  @org.junit.jupiter.api.Test
  void aDeclaredVersionIsAPrefixOfTheLiveOne() {
    ToolSpec java = spec("java", "17.0", null, null);
    assertThat(java.metBy("17.0.15")).isTrue();
    assertThat(java.metBy("17.0")).isTrue();
    assertThat(java.metBy("17.1.0")).isFalse();
    assertThat(java.metBy("17.01")).isFalse();
    assertThat(java.metBy("117.0.1")).isFalse();
    assertThat(java.metBy(null)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void theFixIsTheExactCommand() {
    ToolSpec mvn = spec("mvn", "3.9", "maven", null);
    assertThat(DeclaredTools.fix(mvn, OUTPUTS)).startsWith("sudo apt-get install -y 'maven=3.9*'");
    ToolSpec tofu = spec("tofu", "1.10.10", null, null);
    assertThat(DeclaredTools.fix(tofu, OUTPUTS)).isEqualTo("./parity tools install");
    ToolSpec cached = spec("tofu", "1.10.10", null, "opentofu/tofu_1.10.10_linux_amd64.tar.gz");
    assertThat(DeclaredTools.fix(cached, Path.of("/cache")))
        .startsWith(
            "sudo mkdir -p '/opt/parity/tools/tofu-1.10.10' && sudo tar -xzf"
                + " '/cache/opentofu/tofu_1.10.10_linux_amd64.tar.gz' -C"
                + " '/opt/parity/tools/tofu-1.10.10' && sudo ln -sfn"
                + " '/opt/parity/tools/tofu-1.10.10/tofu' '/usr/local/bin/tofu'");
  }

  /**
   * The fix pasted into a real shell runs exactly the documented command: with sudo a function that
   * prints its arguments, a package name that tries to break out gives one argument and runs
   * nothing (validation refuses such a name; the quoting holds even so).
   */
  @org.junit.jupiter.api.Test
  void aPastedFixRunsExactlyTheDocumentedCommandWhateverTheNames(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path touched = dir.resolve("touched");
    String hostile = "x'; touch " + touched + "; echo '";
    ToolSpec tool = spec("mytool", "1.0", hostile, null);
    String fix = DeclaredTools.fix(tool, OUTPUTS);
    Process sh =
        new ProcessBuilder(
                "/bin/sh",
                "-c",
                "sudo() { for a in \"$@\"; do printf '[%s]\\n' \"$a\"; done; }; " + fix)
            .redirectErrorStream(true)
            .start();
    String out = new String(sh.getInputStream().readAllBytes());
    assertThat(sh.waitFor()).isZero();
    assertThat(out).isEqualTo("[apt-get]\n[install]\n[-y]\n[" + hostile + "=1.0*]\n");
    assertThat(touched).doesNotExist();
  }

  @org.junit.jupiter.api.Test
  void aCatastrophicReadRegexIsStoppedAtItsBoundAndSaysSo() {
    ToolReaders.Reader reader =
        new ToolReaders.Reader(
            List.of("x"),
            java.util.regex.Pattern.compile("^(.*a){15}$", java.util.regex.Pattern.MULTILINE));
    long start = System.nanoTime();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.versionIn("a".repeat(30) + "b"))
        .isInstanceOf(dev.parity.text.BoundedMatch.TooSlow.class)
        .hasMessageContaining("took more than 1000 ms");
    // it stopped: Java's engine takes about 25 s on this input unbounded
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(java.time.Duration.ofMinutes(1));
  }

  /** A tool read by its built-in reader, installed by this package or from this tool-cache path. */
  private static ToolSpec spec(
      String name, String version, String packageName, String fromToolCache) {
    return new ToolSpec(
        name,
        version,
        List.of(),
        List.of(),
        List.of(),
        null,
        packageName,
        fromToolCache,
        null,
        Position.startOf(OUTPUTS));
  }
}
