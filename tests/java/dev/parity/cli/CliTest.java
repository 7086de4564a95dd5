package dev.parity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path tmp;

  record Run(int exit, String out, String err) {}

  static Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), env, args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void printsItsVersion() {
    Run r = run(System.getenv(), "--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("parity 0.");
  }

  @Test
  void helpListsTheCommandsAndExitCodes() {
    Run r = run(System.getenv(), "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("doctor", "tools", "Exit codes:", "2   differences found");
  }

  @Test
  void underJenkinsStepsOfAnotherReleaseTheCliRefusesNamingBoth() throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PARITY_LIBRARY_VERSION", "9.9.9");
    Path errorFile = tmp.resolve("error.txt");
    env.put("PARITY_ERROR_FILE", errorFile.toString());
    Run r = run(env, "--version");
    assertThat(r.exit()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err())
        .contains(
            "the Jenkins library (its steps) is parity 9.9.9 but this checkout's CLI is parity 0.")
        .doesNotContain("\tat ");
    assertThat(errorFile).content().contains("is parity 9.9.9 but");
    env.put("PARITY_LIBRARY_VERSION", Cli.Version.own());
    assertThat(run(env, "--version").exit()).isZero();
  }

  @Test
  void anUnknownCommandIsAnErrorWithoutAStackTrace() {
    Run r = run(System.getenv(), "frobnicate");
    assertThat(r.exit()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).contains("Unmatched argument").doesNotContain("at dev.parity");
  }

  @Test
  void doctorExitsOneNamingEachMissingToolAndTheFix() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PARITY_TOOLS_HOME", tmp.resolve("moved-away").toString());
    Run r = run(env, "doctor");
    assertThat(r.exit()).isEqualTo(ExitCode.ERROR);
    assertThat(r.out())
        .contains("MISSING  opentofu", "fix: ./parity tools install", "tools missing or wrong");
  }

  @Test
  void aFileSystemErrorSaysTheFileSystemsReason() {
    var readOnly =
        new java.io.UncheckedIOException(
            "cannot lock /w/dev/parity.lock",
            new java.nio.file.FileSystemException(
                "/w/dev/parity.lock", null, "Read-only file system"));
    assertThat(Cli.message(readOnly))
        .isEqualTo("cannot lock /w/dev/parity.lock: Read-only file system");
    var denied =
        new java.io.UncheckedIOException(
            "cannot write the log /w/log", new java.nio.file.AccessDeniedException("/w/log"));
    assertThat(Cli.message(denied)).isEqualTo("cannot write the log /w/log: access denied");
    var said =
        new java.io.UncheckedIOException(
            "cannot write /w/x: No space left on device",
            new java.io.IOException("No space left on device"));
    assertThat(Cli.message(said)).isEqualTo("cannot write /w/x: No space left on device");
  }

  @Test
  void validateAndCheckReadNoSecretAndAnUnsetOneIsReportedOnceWhereItIsUsed() throws Exception {
    Path vars = tmp.resolve("vars");
    dev.parity.support.ParityHome.copyTree(
        dev.parity.support.ParityHome.REPOSITORY.resolve("vars"), vars);
    Path common = vars.resolve("common.yml");
    String text = java.nio.file.Files.readString(common);
    java.nio.file.Files.writeString(
        common,
        text.replace(
            "db_password: { generate: true }", "db_password: { env: PARITY_TEST_UNSET_PASSWORD }"));
    int line =
        (int) text.lines().takeWhile(l -> !l.contains("db_password: { generate: true }")).count()
            + 1;
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove("PARITY_TEST_UNSET_PASSWORD");
    String[] where = {"--vars", vars.toString(), "--work-dir", tmp.resolve("work").toString()};

    Run validate = run(env, concat(new String[] {"validate"}, where));
    assertThat(validate.exit()).as(validate.err()).isZero();
    Run check = run(env, concat(new String[] {"check"}, where));
    assertThat(check.exit()).as(check.err()).isZero();

    Run configure = run(env, concat(new String[] {"configure", "--env", "dev"}, where));
    assertThat(configure.exit()).isEqualTo(ExitCode.ERROR);
    String message =
        "secret 'db_password' cannot be read: environment variable PARITY_TEST_UNSET_PASSWORD is"
            + " not set (declared at "
            + common
            + ":"
            + line
            + ":";
    assertThat(configure.err()).contains(message).doesNotContain("prod_like");
    assertThat(configure.err().split(java.util.regex.Pattern.quote("secret 'db_password'"), -1))
        .as("named once")
        .hasSize(2);

    // A shared store whose credential is not bound: a set in parity is still validated and
    // checked (the history is read only to measure a trailing patch); a command that needs the
    // store says which credential is missing, once.
    java.nio.file.Files.writeString(
        common,
        java.nio.file.Files.readString(common)
            + "store:\n  conn_str: { env: PARITY_TEST_UNSET_STORE }\n");
    env.remove("PARITY_TEST_UNSET_STORE");
    Path dev = vars.resolve("dev.yml");
    String trailing = java.nio.file.Files.readString(dev);
    java.nio.file.Files.writeString(dev, trailing.replace("\"16.4\"", "\"16.2\""));
    assertThat(run(env, concat(new String[] {"validate"}, where)).exit()).isZero();
    Run checkWithStore = run(env, concat(new String[] {"check"}, where));
    assertThat(checkWithStore.exit()).as(checkWithStore.err()).isZero();
    java.nio.file.Files.writeString(dev, trailing);
    Run window = run(env, concat(new String[] {"check"}, where));
    assertThat(window.exit())
        .as("a trailing patch's window cannot be measured without the history: check refuses")
        .isEqualTo(ExitCode.ERROR);
    assertThat(window.err()).contains("secret 'store' cannot be read");
    Run plan = run(env, concat(new String[] {"plan", "--env", "dev"}, where));
    assertThat(plan.exit()).isEqualTo(ExitCode.ERROR);
    assertThat(plan.err())
        .contains(
            "secret 'store' cannot be read: environment variable PARITY_TEST_UNSET_STORE is not"
                + " set (declared at "
                + common)
        .doesNotContain("db_password");
  }

  @Test
  void aFileOfThousandsOfMistakesPrintsTheFirstFiftyAndACount() throws Exception {
    Path vars = tmp.resolve("flood");
    dev.parity.support.ParityHome.copyTree(
        dev.parity.support.ParityHome.REPOSITORY.resolve("vars"), vars);
    StringBuilder prod = new StringBuilder("environment: prod\n");
    for (int i = 0; i < 5000; i++) {
      prod.append("unknown_").append(i).append(": x\n");
    }
    java.nio.file.Files.writeString(vars.resolve("prod.yml"), prod.toString());
    Run r = run(System.getenv(), "validate", "--vars", vars.toString());
    assertThat(r.exit()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err().lines().filter(l -> l.contains("unknown key"))).hasSize(50);
    assertThat(r.err()).contains(vars.resolve("prod.yml") + ": 4950 more problem(s) not shown");
  }

  @Test
  void validateSaysWhereEachVersionComesFromAndRefusesOneWithoutASource() throws Exception {
    Path vars = tmp.resolve("sources");
    dev.parity.support.ParityHome.copyTree(
        dev.parity.support.ParityHome.REPOSITORY.resolve("vars"), vars);
    Run valid = run(System.getenv(), "validate", "--vars", vars.toString());
    assertThat(valid.exit()).as(valid.err()).isZero();
    assertThat(valid.out())
        .contains("  local: memcached 1.6.18 from this machine's memcached")
        .contains("  dev: memcached 1.6.18 from the nodes' package memcached")
        .contains("  prod: postgresql ");
    // The local stack's nodes are this machine: memcached there is the one it has, no other.
    java.nio.file.Files.writeString(
        vars.resolve("local.yml"),
        java.nio.file.Files.readString(vars.resolve("local.yml"))
            .replace("    port: 21211", "    port: 21211\n    version: \"1.6.99\""));
    for (String command : new String[] {"validate", "check"}) {
      Run r = run(System.getenv(), command, "--vars", vars.toString());
      assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.ERROR);
      assertThat(r.err())
          .contains(vars.resolve("local.yml") + ":")
          .contains("services.memcached.version: memcached 1.6.99 in local: no source")
          .doesNotContain("\tat ");
    }
  }

  @Test
  void aReportGoesOnlyToARegularFileAndATamperedRecordIsRefusedNamingIt() throws Exception {
    Path work = tmp.resolve("work");
    Path record =
        new dev.parity.workdir.RunRecords(work)
            .write(
                dev.parity.workdir.RunRecordsTest.record(
                    "status", java.time.Instant.now().minusSeconds(60), true));
    String[] where = {
      "--vars", dev.parity.support.ParityHome.REPOSITORY.resolve("vars").toString(),
      "--work-dir", work.toString()
    };
    Path fifo = tmp.resolve("report.fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    for (Path target : new Path[] {fifo, java.nio.file.Files.createDirectory(tmp.resolve("dir"))}) {
      for (String[] args :
          new String[][] {
            {"report", "--format", "junit", "--out", target.toString()},
            {"assert", "--env", "dev", "--junit", target.toString()}
          }) {
        Run r = run(System.getenv(), concat(args, where));
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.ERROR);
        assertThat(r.err()).contains(target + ": not a regular file").doesNotContain("\tat ");
      }
    }
    Path out = tmp.resolve("report.md");
    Run fine =
        run(
            System.getenv(),
            concat(new String[] {"report", "--format", "md", "--out", out.toString()}, where));
    assertThat(fine.exit()).as(fine.err()).isZero();
    assertThat(out).content().startsWith("### parity status: ");

    java.nio.file.Files.writeString(
        record, java.nio.file.Files.readString(record).replace("\"WARNING\"", "\"CRITICAL\""));
    Run tampered =
        run(
            System.getenv(),
            concat(new String[] {"report", "--format", "md", "--out", out.toString()}, where));
    assertThat(tampered.exit()).isEqualTo(ExitCode.ERROR);
    assertThat(tampered.err())
        .contains(record + ": this run record is not one parity wrote")
        .contains("results.parity.findings[0].severity")
        .doesNotContain("\tat ");
  }

  @Test
  void quietPrintsOnlyTheVerdict() {
    Run r =
        run(
            System.getenv(),
            "check",
            "--quiet",
            "--vars",
            dev.parity.support.ParityHome.REPOSITORY.resolve("vars").toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo("parity check: done, in parity (exit 0)" + System.lineSeparator());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
