package dev.parity.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming summary against plans written by others (OpenTofu's own show-json test outputs) and one captured
 * from a real run of the bundled module, checked against counts computed independently with Jackson's tree model.
 */
class PlanSummarizerTest {
  private static final Path RESOURCES = Path.of("src", "test", "resources", "show-json");

  static Stream<Path> plans() throws Exception {
    List<Path> all = new ArrayList<>();
    for (String dir : List.of("opentofu", "captured")) {
      try (Stream<Path> files = Files.list(RESOURCES.resolve(dir))) {
        files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(all::add);
      }
    }
    return all.stream();
  }

  /** The independent count: the whole document in memory, actions classified by hand. */
  private static Map<String, Integer> expectedCounts(JsonNode plan) {
    Map<String, Integer> counts = new TreeMap<>();
    for (JsonNode rc : plan.path("resource_changes")) {
      List<String> actions = new ArrayList<>();
      rc.path("change").path("actions").forEach(a -> actions.add(a.asText()));
      String key = actions.equals(List.of("delete", "create")) || actions.equals(List.of("create", "delete"))
          ? "replace" : String.join("+", actions);
      counts.merge(key, 1, Integer::sum);
    }
    return counts;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plans")
  void countsMatchAnIndependentCount(Path file) throws Exception {
    JsonNode plan = new ObjectMapper().readTree(file.toFile());
    PlanSummary summary = PlanSummarizer.summarize(file);
    assertThat(summary.counts()).isEqualTo(expectedCounts(plan));
    List<String> deletes = new ArrayList<>();
    plan.path("resource_changes").forEach(rc -> {
      if (rc.at("/change/actions").size() == 1 && rc.at("/change/actions/0").asText().equals("delete")) {
        deletes.add(rc.path("address").asText());
      }
    });
    assertThat(summary.deletes()).isEqualTo(deletes);
    assertThat(summary.outputs().keySet()).containsExactlyInAnyOrderElementsOf(() ->
        plan.path("output_changes").fieldNames());
    assertThat(summary.drift()).hasSize(plan.path("resource_drift").size());
  }

  @Test
  void aReplaceInEitherOrderIsAReplaceAndNamesTheAddress() throws Exception {
    PlanSummary s = PlanSummarizer.summarize(RESOURCES.resolve("opentofu/requires-replace.json"));
    assertThat(s.count("replace")).isEqualTo(1);
    assertThat(s.replaces()).containsExactly("test_instance.test");
    assertThat(s.destroys()).isTrue();
    assertThat(PlanSummarizer.action(List.of("create", "delete"))).isEqualTo("replace");
  }

  @Test
  void theCapturedBundledPlanCreatesOneNodePerTopologySlot() throws Exception {
    PlanSummary s = PlanSummarizer.summarize(RESOURCES.resolve("captured/bundled-dev-create.json"));
    assertThat(s.count("create")).isEqualTo(3);
    assertThat(s.byType()).containsOnlyKeys("terraform_data");
    assertThat(s.outputs()).containsEntry("inventory", "create");
    assertThat(s.hasChanges()).isTrue();
  }

  @Test
  void driftIsReported() throws Exception {
    PlanSummary s = PlanSummarizer.summarize(RESOURCES.resolve("opentofu/drift.json"));
    assertThat(s.drift()).isNotEmpty();
  }

  @Test
  void sensitiveValuesNeverReachTheSummary() throws Exception {
    Path file = RESOURCES.resolve("opentofu/sensitive-values.json");
    String text = PlanSummaryText.text("plan", PlanSummarizer.summarize(file))
        + PlanSummaryText.json(PlanSummarizer.summarize(file));
    JsonNode plan = new ObjectMapper().readTree(file.toFile());
    List<String> values = new ArrayList<>();
    plan.path("resource_changes").forEach(rc -> rc.path("change").path("after").forEach(v -> {
      if (v.isTextual() && v.asText().length() > 3) {
        values.add(v.asText());
      }
    }));
    assertThat(values).isNotEmpty();
    values.forEach(v -> assertThat(text).doesNotContain(v));
  }

  @Test
  void aDocumentThatIsNotAPlanIsRejected() {
    assertThatThrownBy(() -> PlanSummarizer.summarize(new ByteArrayInputStream("[1,2]".getBytes(
        StandardCharsets.UTF_8)))).hasMessageContaining("not a plan document");
    assertThatThrownBy(() -> PlanSummarizer.summarize(new ByteArrayInputStream("{\"resource_changes\":[{".getBytes(
        StandardCharsets.UTF_8))));
  }

  @Test
  void summarizePlanCommandPrintsJsonAndExitsTwoOnChanges() throws Exception {
    StringWriter out = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "summarize-plan", "--format",
        "json", RESOURCES.resolve("opentofu/basic-delete.json").toString());
    assertThat(exit).isEqualTo(2);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.at("/counts/delete").asInt()).isEqualTo(1);
    assertThat(json.path("has_changes").asBoolean()).isTrue();
  }

  @Test
  void summarizePlanCommandRejectsGarbageWithoutAStackTrace() throws Exception {
    Path garbage = Files.createTempFile("garbage", ".json");
    Files.writeString(garbage, "not json at all");
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "summarize-plan",
        garbage.toString());
    Files.delete(garbage);
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("not a readable show -json plan").doesNotContain("\tat ");
  }
}
