package dev.parity.vars;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** What one expected-drift entry covers, and when it stops. */
class ExpectedDriftTest {
  private static final Position AT = new Position(Path.of("vars/common.yml"), 12, 7);

  private static ExpectedDrift terraform(String glob) {
    return new ExpectedDrift(
        ExpectedDrift.Kind.TERRAFORM,
        glob,
        null,
        null,
        null,
        "r",
        "dba",
        LocalDate.of(2027, 3, 1),
        AT);
  }

  @Test
  void anAttributeCoversItselfAndWhatIsUnderItButNotItsNeighbours() {
    ExpectedDrift e = terraform("aws_db_instance.main.engine_version");
    assertThat(e.coversAttribute("aws_db_instance.main", "engine_version")).isTrue();
    assertThat(e.coversAttribute("aws_db_instance.main", "engine_version_actual")).isFalse();
    assertThat(e.coversAttribute("aws_db_instance.main", "allocated_storage")).isFalse();
    assertThat(e.coversAttribute("aws_db_instance.other", "engine_version")).isFalse();
    ExpectedDrift tags = terraform("terraform_data.app.input.tags");
    assertThat(tags.coversAttribute("terraform_data.app", "input.tags.scanned")).isTrue();
    assertThat(tags.coversAttribute("terraform_data.app", "input.size")).isFalse();
  }

  @Test
  void aStarMatchesAnyCharactersAndEverythingElseIsLiteral() {
    ExpectedDrift e = terraform("module.app.*.tags.scanned");
    assertThat(e.coversAttribute("module.app.aws_instance.web[\"a\"]", "tags.scanned")).isTrue();
    assertThat(e.coversAttribute("module.db.aws_instance.web", "tags.scanned")).isFalse();
    ExpectedDrift indexed = terraform("terraform_data.node[\"db-0\"].input.sizing");
    assertThat(indexed.coversAttribute("terraform_data.node[\"db-0\"]", "input.sizing.cpus"))
        .isTrue();
    assertThat(indexed.coversAttribute("terraform_data.node[\"db-1\"]", "input.sizing.cpus"))
        .isFalse();
    assertThat(terraform("a.b+c").coversAttribute("a", "bbc")).as("+ is literal").isFalse();
  }

  @Test
  void aTaskIsCoveredOnMatchingHostsOnly() {
    ExpectedDrift e =
        new ExpectedDrift(
            ExpectedDrift.Kind.CONFIGURATION,
            "prod-db-*",
            "postgresql : *",
            null,
            null,
            "hand-fix",
            "dba",
            LocalDate.of(2027, 3, 1),
            AT);
    assertThat(e.coversTask("prod-db-0", "postgresql : settings")).isTrue();
    assertThat(e.coversTask("prod-cache-0", "postgresql : settings")).isFalse();
    assertThat(e.coversTask("prod-db-0", "memcached : settings")).isFalse();
    assertThat(terraform("x.y").coversTask("prod-db-0", "x")).isFalse();
  }

  @Test
  void aVersionIsCoveredInsideItsInclusiveRangeByNumber() {
    ExpectedDrift e =
        new ExpectedDrift(
            ExpectedDrift.Kind.VERSION,
            "postgresql",
            null,
            "16.4",
            "16.10",
            "minor upgrades",
            "dba",
            LocalDate.of(2027, 3, 1),
            AT);
    assertThat(e.coversVersion("postgresql", "16.4")).isTrue();
    assertThat(e.coversVersion("postgresql", "16.9")).isTrue();
    assertThat(e.coversVersion("postgresql", "16.10")).isTrue();
    assertThat(e.coversVersion("postgresql", "16.11")).isFalse();
    assertThat(e.coversVersion("postgresql", "16.3")).isFalse();
    assertThat(e.coversVersion("memcached", "16.5")).isFalse();
    assertThat(e.coversVersion("postgresql", "unreachable")).isFalse();
  }

  @Test
  void anEntryIsExpiredFromItsExpiryDayOnAndNamesItsOwnerAndPlace() {
    ExpectedDrift e = terraform("a.b");
    assertThat(e.expiredOn(LocalDate.of(2027, 2, 28))).isFalse();
    assertThat(e.expiredOn(LocalDate.of(2027, 3, 1))).isTrue();
    assertThat(e.terms()).isEqualTo("owner dba, expires 2027-03-01 (vars/common.yml:12:7)");
  }
}
