package dev.parity.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.vars.ParityPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParityCheckerTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  @TempDir Path work;

  private ParityReport check(ParityPolicy policy, List<dev.parity.vars.EnvironmentSpec> envs) {
    return new ParityChecker(
            policy, VersionHistory.inWorkDir(work), Clock.fixed(NOW, ZoneOffset.UTC))
        .check(envs);
  }

  private static ParityPolicy policy(
      int lag, int days, List<String> prodLike, List<String> mayVary) {
    return new ParityPolicy(prodLike, lag, days, mayVary);
  }

  @Test
  void aMissingServiceIsAnErrorNamingWhereItIsMissing() {
    ParityReport r =
        check(
            ParityPolicy.strict(),
            List.of(
                Specs.env("dev", Map.of("postgresql", "16.4", "memcached", "1.6.18")),
                Specs.env("prod", Map.of("postgresql", "16.4"))));
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.ERROR);
              assertThat(f.rule()).isEqualTo("service-set");
              assertThat(f.path()).isEqualTo("services.memcached");
              assertThat(f.environments())
                  .containsEntry("prod", "(absent)")
                  .containsEntry("dev", "1.6.18");
              assertThat(f.message()).contains("missing in prod");
            });
  }

  @Test
  void aDifferentMajorVersionIsAnError() {
    ParityReport r =
        check(
            ParityPolicy.strict(),
            List.of(
                Specs.env("dev", Map.of("postgresql", "17.2")),
                Specs.env("prod", Map.of("postgresql", "16.4"))));
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("version-mismatch");
              assertThat(f.environments())
                  .isEqualTo(new java.util.TreeMap<>(Map.of("dev", "17.2", "prod", "16.4")));
              assertThat(f.message()).contains("16.4 (prod), 17.2 (dev)");
            });
    assertThat(r.inParity()).isFalse();
  }

  @Test
  void aDifferentMinorVersionIsAnErrorToo() {
    ParityReport r =
        check(
            ParityPolicy.strict(),
            List.of(
                Specs.env("dev", Map.of("memcached", "1.7.1")),
                Specs.env("prod", Map.of("memcached", "1.6.18"))));
    assertThat(r.findings()).extracting(Finding::rule).containsExactly("version-mismatch");
  }

  @Test
  void aPatchLagWithinThePolicyIsAWarning() {
    ParityReport r =
        check(
            policy(2, 0, List.of(), List.of()),
            List.of(
                Specs.env("dev", Map.of("postgresql", "16.4")),
                Specs.env("prod", Map.of("postgresql", "16.2"))));
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
              assertThat(f.rule()).isEqualTo("patch-lag");
              assertThat(f.message())
                  .contains("prod trails dev by 2 patch releases (16.2 vs 16.4)");
            });
    assertThat(r.inParity()).isTrue();
  }

  @Test
  void aPatchLagBeyondThePolicyIsAnError() {
    ParityReport r =
        check(
            policy(1, 0, List.of(), List.of()),
            List.of(
                Specs.env("dev", Map.of("postgresql", "16.4")),
                Specs.env("prod", Map.of("postgresql", "16.2"))));
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.ERROR);
              assertThat(f.message()).contains("max_patch_lag allows 1");
            });
  }

  @Test
  void aPatchLagOutsideTheWindowIsAnErrorWhenTheHistoryKnowsTheDate() {
    VersionHistory.inWorkDir(work)
        .record("postgresql", "16.4", "dev", NOW.minus(20, ChronoUnit.DAYS));
    ParityReport r =
        check(
            policy(2, 14, List.of(), List.of()),
            List.of(
                Specs.env("dev", Map.of("postgresql", "16.4")),
                Specs.env("prod", Map.of("postgresql", "16.2"))));
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.ERROR);
              assertThat(f.rule()).isEqualTo("patch-window");
              assertThat(f.message())
                  .contains("since 2026-11-06, 20 days, the 14-day window closed 2026-11-20")
                  .contains("patch_window_days allows 14");
            });
  }

  @Test
  void aPatchLagInsideTheWindowIsAWarningThatCountsTheDays() {
    VersionHistory.inWorkDir(work)
        .record("postgresql", "16.4", "dev", NOW.minus(3, ChronoUnit.DAYS));
    ParityReport r =
        check(
            policy(2, 14, List.of(), List.of()),
            List.of(
                Specs.env("dev", Map.of("postgresql", "16.4")),
                Specs.env("prod", Map.of("postgresql", "16.2"))));
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
              assertThat(f.message())
                  .contains("since 2026-11-23, 3 of 14 days, closes 2026-12-07 (11 days left)");
            });
  }

  @Test
  void prodLikeEnvironmentsMustHaveTheSameTopologyOthersMayHaveFewer() {
    var versions = Map.of("postgresql", "16.4");
    ParityReport r =
        check(
            policy(0, 0, List.of("staging", "prod"), List.of()),
            List.of(
                Specs.env("dev", versions, Map.of("r_postgresql", 1), Map.of()),
                Specs.env("staging", versions, Map.of("r_postgresql", 2), Map.of()),
                Specs.env("prod", versions, Map.of("r_postgresql", 3), Map.of())));
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("topology");
              assertThat(f.path()).isEqualTo("topology.r_postgresql");
              assertThat(f.environments()).containsOnlyKeys("prod", "staging");
            });
  }

  @Test
  void aServiceWhoseRoleHasNoNodesIsAnError() {
    ParityReport r =
        check(
            ParityPolicy.strict(),
            List.of(
                Specs.env(
                    "dev", Map.of("postgresql", "16.4"), Map.of("r_postgresql", 0), Map.of())));
    assertThat(r.findings())
        .extracting(Finding::message)
        .containsExactly("postgresql runs on role r_postgresql, which has no nodes in dev");
  }

  @Test
  void anyOtherDifferenceIsAnErrorUnlessMayVaryCoversIt() {
    var versions = Map.of("postgresql", "16.4");
    var dev =
        Specs.env(
            "dev",
            versions,
            Map.of(),
            Map.of(
                "services.postgresql.settings.work_mem",
                "2MB",
                "services.postgresql.settings.max_connections",
                "50"));
    var prod =
        Specs.env(
            "prod",
            versions,
            Map.of(),
            Map.of(
                "services.postgresql.settings.work_mem",
                "16MB",
                "services.postgresql.settings.max_connections",
                "100"));
    ParityReport strict = check(ParityPolicy.strict(), List.of(dev, prod));
    assertThat(strict.findings())
        .extracting(Finding::path)
        .containsExactly(
            "services.postgresql.settings.max_connections",
            "services.postgresql.settings.work_mem");
    ParityReport allowed =
        check(policy(0, 0, List.of(), List.of("services.*.settings.work_mem")), List.of(dev, prod));
    assertThat(allowed.findings())
        .extracting(Finding::path)
        .containsExactly("services.postgresql.settings.max_connections");
  }

  @Test
  void sizingDifferencesAreInfo() {
    var versions = Map.of("postgresql", "16.4");
    ParityReport r =
        check(
            ParityPolicy.strict(),
            List.of(
                Specs.env("dev", versions, Map.of(), Map.of("sizing.db.cpus", "1")),
                Specs.env("prod", versions, Map.of(), Map.of("sizing.db.cpus", "8"))));
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.INFO);
              assertThat(f.rule()).isEqualTo("sizing");
            });
    assertThat(r.inParity()).isTrue();
  }

  @Test
  void environmentsAreListedInPromotionOrder() {
    var v = Map.of("postgresql", "16.4");
    ParityReport r =
        check(
            policy(0, 0, List.of("qa", "staging", "prod"), List.of()),
            List.of(
                Specs.env("prod", v),
                Specs.env("dev", v),
                Specs.env("staging", v),
                Specs.env("local", v),
                Specs.env("qa", v)));
    assertThat(r.environments()).containsExactly("dev", "local", "qa", "staging", "prod");
  }

  @Test
  void versionsCompareByNumberNotText() {
    assertThat(Version.parse("16.10").compareTo(Version.parse("16.9"))).isPositive();
    assertThat(Version.parse("16.10").series()).isEqualTo("16");
    assertThat(Version.parse("1.6.18").series()).isEqualTo("1.6");
    assertThat(Version.parse("1.6.18").patch()).isEqualTo(18);
  }

  @Test
  void aDifferenceInASecretLookingValueIsFoundButNeverShown() {
    ParityReport r =
        check(
            ParityPolicy.strict(),
            List.of(
                Specs.env(
                    "dev",
                    Map.of("postgresql", "16.4"),
                    Map.of(),
                    Map.of(
                        "services.postgresql.settings.replica",
                        "host=db password=dev-canary",
                        "secrets.db_password.env",
                        "DEV_DB_PASSWORD_CANARY")),
                Specs.env(
                    "prod",
                    Map.of("postgresql", "16.4"),
                    Map.of(),
                    Map.of(
                        "services.postgresql.settings.replica",
                        "host=db password=prod-canary",
                        "secrets.db_password.env",
                        "PROD_DB_PASSWORD_CANARY"))));
    assertThat(r.findings())
        .extracting(Finding::path)
        .contains("services.postgresql.settings.replica");
    assertThat(r.findings())
        .allSatisfy(
            f -> {
              assertThat(f.message()).doesNotContain("canary").doesNotContain("CANARY");
              assertThat(f.environments().values().toString()).doesNotContain("canary");
            });
  }

  /** The work dir's version history file, its directory made. */
  private java.nio.file.Path historyFile() throws java.io.IOException {
    java.nio.file.Path file = work.resolve("history").resolve("versions.jsonl");
    java.nio.file.Files.createDirectories(file.getParent());
    return file;
  }

  /** One history line, as parity writes it. */
  private static String entry(String service, String version, String at) {
    return "{\"service\":\""
        + service
        + "\",\"version\":\""
        + version
        + "\",\"environment\":\"dev\",\"at\":\""
        + at
        + "\"}\n";
  }

  @Test
  void aBrokenHistoryLineIsAnErrorAtItsLineButATornLastLineIsSkipped() throws Exception {
    java.nio.file.Path file = historyFile();
    String good = entry("postgresql", "16.4", "2026-11-20T10:00:00Z");
    java.nio.file.Files.writeString(file, good + "{\"service\":\"postgresql\",\"ver");
    assertThat(VersionHistory.inWorkDir(work).firstReached("postgresql", "16.4"))
        .contains(Instant.parse("2026-11-20T10:00:00Z"));
    for (String broken :
        List.of(
            "not json\n",
            "[1,2]\n",
            "{\"service\":\"postgresql\",\"version\":\"16.4\",\"at\":\"last tuesday\"}\n",
            "{\"service\":\"postgresql\",\"version\":16.4,\"at\":\"2026-11-20T10:00:00Z\"}\n")) {
      java.nio.file.Files.writeString(file, good + broken + good);
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> VersionHistory.inWorkDir(work).firstReached("postgresql", "16.4"))
          .as(broken)
          .isInstanceOf(dev.parity.error.ParityException.class)
          .hasMessageStartingWith(file + ":2: ");
    }
  }

  @Test
  void aHistoryEntryFromTheFutureOrOutsideTheCalendarIsAnErrorAtItsLine() throws Exception {
    java.nio.file.Path file = historyFile();
    String good = entry("memcached", "1.6.18", "2026-11-20T10:00:00Z");
    Map<String, String> cases =
        Map.of(
            "2999-01-01T00:00:00Z", "at: 2999-01-01T00:00:00Z is in the future",
            "+1000000000-01-01T00:00:00Z", "is in the future",
            "-999999999-01-01T00:00:00Z", "is before 1970",
            "2026-02-30T00:00:00Z", "at: not a UTC time");
    var history = new VersionHistoryFile(work, Clock.fixed(NOW, ZoneOffset.UTC));
    cases.forEach(
        (at, why) -> {
          try {
            // an entry of another service: the window of none can be trusted beside it
            java.nio.file.Files.writeString(file, good + entry("postgresql", "16.4", at));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          org.assertj.core.api.Assertions.assertThatThrownBy(
                  () -> history.firstReached("memcached", "1.6.18"))
              .as(at)
              .isInstanceOf(dev.parity.error.ParityException.class)
              .hasMessageStartingWith(file + ":2: ")
              .hasMessageContaining(why);
        });
  }

  @Test
  void theHistoryIsReadALineAtATimeAndALineLongerThanAnyEntryIsRefused() throws Exception {
    java.nio.file.Path file = historyFile();
    StringBuilder many = new StringBuilder();
    for (int day = 1; day <= 20; day++) {
      many.append(
          String.format(
              "{\"service\":\"postgresql\",\"version\":\"16.4\",\"environment\":\"e%d\",\"at\":\"2026-11-%02dT10:00:00Z\"}\r\n",
              day, 21 - day));
    }
    java.nio.file.Files.writeString(file, many);
    assertThat(VersionHistory.inWorkDir(work).firstReached("postgresql", "16.4"))
        .contains(Instant.parse("2026-11-01T10:00:00Z"));
    java.nio.file.Files.writeString(
        file, many + "{\"service\":\"" + "x".repeat(VersionHistoryFile.MAX_LINE) + "\"}\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> VersionHistory.inWorkDir(work).firstReached("postgresql", "16.4"))
        .isInstanceOf(dev.parity.error.ParityException.class)
        .hasMessageStartingWith(file + ":21: longer than 65536 characters");
  }

  @Test
  void toolsFollowTheVersionRulesAcrossTheEnvironmentsThatRequireThem() throws Exception {
    var set = bundledWithDevTools("  java: { version: \"21.0\", environments: [local, dev] }\n");
    ParityReport r = check(set.policy(), List.copyOf(set.environments().values()));
    assertThat(r.findings())
        .filteredOn(f -> f.path().equals("tools.java.version"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("version-mismatch");
              assertThat(f.environments())
                  .containsEntry("dev", "21.0")
                  .containsEntry("local", "17.0");
            });
    assertThat(r.matrix().get("local")).containsEntry("tool: java", "17.0");
    assertThat(r.matrix().get("qa")).doesNotContainKey("tool: java");
  }

  @Test
  void aToolMissingInAnEnvironmentADeclarationRequiresItInIsAnError() throws Exception {
    var set = bundledWithDevTools("  psql: { version: \"16.4\", environments: [dev, prod] }\n");
    java.nio.file.Path vars = work.resolve("vars");
    ParityReport r = check(set.policy(), List.copyOf(set.environments().values()));
    assertThat(r.inParity()).isFalse();
    assertThat(r.findings())
        .filteredOn(f -> f.rule().equals("tool-set"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.path()).isEqualTo("tools.psql");
              assertThat(f.environments()).containsOnlyKeys("prod");
              assertThat(f.message())
                  .startsWith("psql is required in prod (declared at " + vars.resolve("dev.yml"))
                  .endsWith("but prod's variable set does not require it");
            });
    // What status checks is only what is deployed: an environment not among them is not judged.
    ParityReport deployed =
        check(set.policy(), List.of(set.environments().get("dev"), set.environments().get("qa")));
    assertThat(deployed.findings()).noneMatch(f -> f.rule().equals("tool-set"));
  }

  /** The bundled variable set with these tools declared in dev.yml; valid. */
  private dev.parity.vars.VarSet bundledWithDevTools(String tools) throws Exception {
    java.nio.file.Path vars = work.resolve("vars");
    dev.parity.support.ParityHome.copyTree(
        dev.parity.support.ParityHome.REPOSITORY.resolve("vars"), vars);
    java.nio.file.Files.writeString(
        vars.resolve("dev.yml"),
        java.nio.file.Files.readString(vars.resolve("dev.yml")) + "tools:\n" + tools);
    var set = new dev.parity.vars.VarSetLoader().load(vars);
    assertThat(set.problems()).isEmpty();
    return set;
  }
}
