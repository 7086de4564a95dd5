package dev.parity.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The benchmark's two plan readers give the same answer, so its figures compare equal work: every
 * document OpenTofu wrote, the captured plan, the bench's generated plan, and every shape that must
 * be refused.
 */
class PlanSummarizersAgreeTest {
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.parity.terraform.PlanSummarizerTest#plans")
  void bothReadersSummariseEveryRealDocumentAlike(Path file) throws Exception {
    try (InputStream a = Files.newInputStream(file);
        InputStream b = Files.newInputStream(file)) {
      assertThat(JacksonPlanSummarizer.summarize(b)).isEqualTo(PlanSummarizer.summarize(a));
    }
  }

  @Test
  void bothReadersSummariseTheBenchPlanAlikeInOneReadAndInTwoHalves(@TempDir Path dir)
      throws Exception {
    Path plan = BenchPlans.write(dir.resolve("plan.json"), 2_000);
    java.util.concurrent.atomic.AtomicBoolean split =
        new java.util.concurrent.atomic.AtomicBoolean();
    assertThat(JacksonPlanSummarizer.summarize(plan, 0, split))
        .isEqualTo(
            PlanSummarizer.summarize(plan, 0, new java.util.concurrent.atomic.AtomicBoolean()));
    assertThat(split).isTrue();
    PlanSummary scanner;
    try (InputStream in = Files.newInputStream(plan)) {
      scanner = PlanSummarizer.summarize(in);
    }
    try (InputStream in = Files.newInputStream(plan)) {
      assertThat(JacksonPlanSummarizer.summarize(in)).isEqualTo(scanner);
    }
    assertThat(scanner.counts())
        .containsOnlyKeys("create", "update", "no-op", "delete", "replace", "read", "forget")
        .containsEntry("replace", 500);
    assertThat(scanner.deletes()).contains(BenchPlans.address(3));
    assertThat(scanner.creates())
        .contains("module.db.module.replica[\"東京-8\"].terraform_data.node");
    assertThat(scanner.drift()).hasSize(3);
    assertThat(scanner.outputs()).containsEntry("connection", "create");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "actions as a string | {\"resource_changes\":[{\"address\":\"a.b\",\"change\":{\"actions\":\"delete\"}}]}",
        "an unknown action | {\"resource_changes\":[{\"address\":\"a.b\",\"change\":{\"actions\":[\"obliterate\"]}}]}",
        "no address | {\"resource_changes\":[{\"change\":{\"actions\":[\"delete\"]}}]}",
        "errored as a string | {\"errored\":\"true\",\"resource_changes\":[]}",
        "resource_changes null | {\"resource_changes\":null}",
        "actions twice | {\"resource_changes\":[{\"address\":\"a.b\",\"change\":{\"actions\":[\"no-op\"],\"actions\":[\"delete\"]}}]}",
        "address twice | {\"resource_changes\":[{\"address\":\"a.b\",\"address\":\"a.c\",\"change\":{\"actions\":[\"delete\"]}}]}"
      })
  void bothReadersRefuseAShapeTheyDoNotUnderstandWithOneMessage(String name, String document) {
    Throwable scanner = thrown(() -> PlanSummarizer.summarize(bytes(document)));
    assertThat(scanner).isNotNull();
    assertThatThrownBy(() -> JacksonPlanSummarizer.summarize(bytes(document)))
        .hasMessage(scanner.getMessage());
  }

  @Test
  void bothReadersRefuseContentAfterThePlan() {
    String twoDocuments = "{\"resource_changes\":[]} {}";
    assertThatThrownBy(() -> PlanSummarizer.summarize(bytes(twoDocuments)))
        .hasMessageStartingWith("unexpected content after the");
    assertThatThrownBy(() -> JacksonPlanSummarizer.summarize(bytes(twoDocuments)))
        .hasMessageStartingWith("unexpected content after the");
  }

  private interface Read {
    void run() throws Exception;
  }

  private static Throwable thrown(Read read) {
    try {
      read.run();
      return null;
    } catch (Exception e) {
      return e;
    }
  }

  private static InputStream bytes(String document) {
    return new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8));
  }
}
