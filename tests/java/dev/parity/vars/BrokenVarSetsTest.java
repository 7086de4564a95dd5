package dev.parity.vars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parity.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every broken variable set gives exit 1 and a FILE:LINE:COL message naming the problem, no stack
 * trace, and never a secret value; quickly (the acceptance bound is 2 s; these take milliseconds).
 */
class BrokenVarSetsTest {
  private static final List<BrokenVarSetCorpus.Case> CORPUS = BrokenVarSetCorpus.load();
  private static final BrokenVarSetCorpus.Case BASE = CORPUS.get(0);
  @TempDir Path dir;

  record Result(int exit, String out, String err) {}

  static Stream<BrokenVarSetCorpus.Case> cases() {
    return CORPUS.stream().skip(1);
  }

  /**
   * Bounded so that a hostile input that hangs the reader fails the case instead of the suite; the
   * bound is far above any honest run (the first case also loads the CLI's classes, on a shared
   * machine), since speed is measured in the benchmarks, not here.
   */
  private Result validate(Path vars) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(30), () -> validate(vars, dir.resolve("work")));
  }

  /** {@code parity validate} in this JVM, with nothing of the caller's environment but PATH. */
  static Result validate(Path vars, Path work) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of("PATH", "/usr/bin:/bin"),
            "validate",
            "--vars",
            vars.toString(),
            "--work-dir",
            work.toString());
    return new Result(exit, out.toString(), err.toString());
  }

  private static void assertCleanFailure(Result r) {
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.err())
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain("--debug");
  }

  /** A case that expects nothing would pass on any exit-1 run, for any reason. */
  @Test
  void everyCaseNamesWhatItMustShowAndNoTwoShareAName() {
    assertThat(cases())
        .allSatisfy(c -> assertThat(c.expected()).as(c.name() + ": its >>> lines").isNotEmpty());
    assertThat(cases().map(BrokenVarSetCorpus.Case::name)).doesNotHaveDuplicates();
  }

  @Test
  void theBaseCaseIsValid() throws Exception {
    Path vars = Files.createDirectories(dir.resolve("vars"));
    BASE.writeTo(vars, BASE);
    Result r = validate(vars);
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectsWithFileLineAndMessage(BrokenVarSetCorpus.Case c) throws Exception {
    Path vars = Files.createDirectories(dir.resolve("vars"));
    c.writeTo(vars, BASE);
    Result r = validate(vars);
    assertCleanFailure(r);
    for (String expected : c.expected()) {
      assertThat(r.err())
          .contains(
              expected.startsWith("<") || expected.contains(".yml:")
                  ? vars + "/" + expected
                  : expected);
    }
    for (String forbidden : c.forbidden()) {
      assertThat(r.out() + r.err()).doesNotContain(forbidden);
    }
    assertThat(Files.exists(dir.resolve("work"))).as("validate changes nothing").isFalse();
  }

  private Path baseWith(String file, byte[] content) throws Exception {
    Path vars = Files.createDirectories(dir.resolve("vars"));
    BASE.writeTo(vars, BASE);
    Files.write(vars.resolve(file), content);
    return vars;
  }

  @Test
  void rejectsATenMegabyteFileBeforeParsingIt() throws Exception {
    StringBuilder big = new StringBuilder("environment: prod\nsizing:\n");
    while (big.length() < 10 * 1024 * 1024) {
      big.append("  # padding padding padding padding padding padding padding padding padding\n");
    }
    Path vars = baseWith("prod.yml", big.toString().getBytes(StandardCharsets.UTF_8));
    Result r = validate(vars);
    assertCleanFailure(r);
    assertThat(r.err())
        .contains(vars + "/prod.yml:1:1: file is ")
        .contains("may be at most 1048576 bytes");
  }

  @Test
  void rejectsABinaryFile() throws Exception {
    Path vars = baseWith("prod.yml", new byte[] {'e', 'n', 'v', 0, 1, 2, 3, 'x'});
    Result r = validate(vars);
    assertCleanFailure(r);
    assertThat(r.err()).contains(vars + "/prod.yml:1:4: contains a NUL byte (a binary file?)");
  }

  @Test
  void rejectsTextThatIsNotUtf8() throws Exception {
    Path vars = baseWith("prod.yml", new byte[] {'e', ':', ' ', (byte) 0xff, (byte) 0xfe});
    Result r = validate(vars);
    assertCleanFailure(r);
    assertThat(r.err()).contains(vars + "/prod.yml:1:1: not UTF-8 text");
  }

  @Test
  void rejectsDeepNesting() throws Exception {
    StringBuilder deep = new StringBuilder("environment: prod\nsizing:\n");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      lines.add("  ".repeat(i + 1) + "k" + i + ":");
    }
    deep.append(String.join("\n", lines)).append(" 1\n");
    Path vars = baseWith("prod.yml", deep.toString().getBytes(StandardCharsets.UTF_8));
    Result r = validate(vars);
    assertCleanFailure(r);
    assertThat(r.err()).containsPattern("prod\\.yml:\\d+:\\d+: .*(nest|Nesting Depth)");
  }

  @Test
  void rejectsAControlCharacterInAFileNameAndShowsItEscaped() throws Exception {
    Path vars =
        baseWith("bad\u0007name.yml", "environment: bad\n".getBytes(StandardCharsets.UTF_8));
    Result r = validate(vars);
    assertCleanFailure(r);
    assertThat(r.err()).contains("invalid environment name 'bad\\x07name'");
  }

  @Test
  void aMissingVarsDirectoryIsNamed() {
    Result r = validate(dir.resolve("no-such-vars"));
    assertCleanFailure(r);
    assertThat(r.err())
        .contains(dir.resolve("no-such-vars") + ":1:1: vars directory does not exist");
  }
}
