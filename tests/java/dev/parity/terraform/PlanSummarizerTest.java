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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming summary against plans written by others (OpenTofu's own show-json test outputs) and
 * one captured from a real run of the bundled module, checked against counts computed independently
 * with Jackson's tree model.
 */
class PlanSummarizerTest {
  private static final Path RESOURCES = Path.of("..", "tests", "resources", "show-json");

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
      String key =
          actions.equals(List.of("delete", "create")) || actions.equals(List.of("create", "delete"))
              ? "replace"
              : String.join("+", actions);
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
    plan.path("resource_changes")
        .forEach(
            rc -> {
              if (rc.at("/change/actions").size() == 1
                  && rc.at("/change/actions/0").asText().equals("delete")) {
                deletes.add(rc.path("address").asText());
              }
            });
    assertThat(summary.deletes()).isEqualTo(deletes);
    assertThat(summary.outputs().keySet())
        .containsExactlyInAnyOrderElementsOf(() -> plan.path("output_changes").fieldNames());
    assertThat(summary.drift()).hasSize(plan.path("resource_drift").size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plans")
  void readingInTwoHalvesGivesExactlyTheSequentialSummary(Path file) throws Exception {
    assertThat(PlanSummarizer.summarize(file, 0, new AtomicBoolean())).isEqualTo(sequential(file));
  }

  @Test
  void aLargePlanIsReadInTwoHalvesWithTheSameResult(@TempDir Path dir) throws Exception {
    InHalves read = InHalves.of(dir, generatedPlan(20_000, false));
    assertThat(read.split()).as("the second half's start was confirmed").isTrue();
    PlanSummary halves = read.summary();
    assertThat(halves.count("delete")).isEqualTo(20_000 / 4);
    assertThat(halves.deletes()).first().isEqualTo("terraform_data.node[\"n-1\"]");
    assertThat(halves.outputs()).containsEntry("inventory", "update");
  }

  @Test
  void aWrongGuessOfTheSecondHalfFallsBackToOneSequentialRead(@TempDir Path dir) throws Exception {
    InHalves read = InHalves.of(dir, generatedPlan(4, true));
    assertThat(read.split()).as("every {\"address\" after the middle is inside a value").isFalse();
  }

  /** A plan read in two halves where it can be, checked equal to one sequential read. */
  private record InHalves(PlanSummary summary, boolean split) {
    static InHalves of(Path dir, String json) throws Exception {
      Path plan = dir.resolve("plan.json");
      Files.writeString(plan, json);
      AtomicBoolean split = new AtomicBoolean();
      PlanSummary summary = PlanSummarizer.summarize(plan, 0, split);
      assertThat(summary).isEqualTo(sequential(plan));
      return new InHalves(summary, split.get());
    }
  }

  @Test
  void aFaultInTheSecondHalfIsReportedAtTheSameByteAsInOneRead(@TempDir Path dir) throws Exception {
    Path plan = dir.resolve("plan.json");
    String text = generatedPlan(2_000, false);
    int fault = text.indexOf("\"update\"", text.length() * 3 / 4);
    Files.writeString(plan, text.substring(0, fault) + "updat" + text.substring(fault + 7));
    AtomicBoolean split = new AtomicBoolean();
    Throwable inHalves =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> PlanSummarizer.summarize(plan, 0, split));
    assertThat(split).isTrue();
    assertThat(inHalves)
        .isInstanceOf(java.io.IOException.class)
        .hasMessage(
            org.assertj.core.api.Assertions.catchThrowable(() -> sequential(plan)).getMessage())
        .hasMessageContaining("at byte ");
  }

  private static PlanSummary sequential(Path plan) throws Exception {
    try (var in = Files.newInputStream(plan)) {
      return PlanSummarizer.summarize(in);
    }
  }

  /**
   * A plan shaped like tofu's (compact, drift first, outputs last) with {@code n} changes cycling
   * through the actions. With {@code nestedAddresses}, the last change's value holds objects that
   * start with an "address" key: spanning the middle of the file, they are the only candidates for
   * a second-half start there.
   */
  private static String generatedPlan(int n, boolean nestedAddresses) {
    String[][] actions = {{"create"}, {"delete"}, {"update"}, {"delete", "create"}};
    StringBuilder sb =
        new StringBuilder("{\"format_version\":\"1.2\",\"resource_drift\":[{\"address\":")
            .append(
                "\"terraform_data.drifted\",\"type\":\"terraform_data\",\"change\":{\"actions\":[\"update\"]}}],")
            .append("\"resource_changes\":[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",")
          .append("{\"address\":\"terraform_data.node[\\\"n-")
          .append(i)
          .append(
              "\\\"]\",\"mode\":\"managed\",\"type\":\"terraform_data\",\"change\":{\"actions\":[\"")
          .append(String.join("\",\"", actions[i % 4]))
          .append("\"],\"before\":null,\"after\":{\"input\":\"")
          .append("x".repeat(i % 50))
          .append(" {\\\"address\\\": [\\\"}\"");
      if (nestedAddresses && i == n - 1) {
        sb.append(",\"ports\":[");
        for (int j = 0; j < 20_000; j++) {
          sb.append(j == 0 ? "" : ",")
              .append("{\"address\":\"127.0.0.")
              .append(j % 250)
              .append("\",\"port\":")
              .append(j)
              .append('}');
        }
        sb.append(']');
      }
      sb.append("},\"after_unknown\":{},\"before_sensitive\":false}}");
    }
    return sb.append("],\"output_changes\":{\"inventory\":{\"actions\":[\"update\"],\"before\":[],")
        .append("\"after\":[]}},\"errored\":false}")
        .toString();
  }

  @Test
  void aPlanWithEveryActionKindModulesAndUnicodeAddressesIsSummarisedWhole(@TempDir Path dir)
      throws Exception {
    Path plan = BenchPlans.write(dir.resolve("plan.json"), 2_000);
    PlanSummary summary = sequential(plan);
    assertThat(summary.counts())
        .containsOnlyKeys("create", "update", "no-op", "delete", "replace", "read", "forget")
        .containsEntry("replace", 500)
        .containsEntry("forget", 250);
    assertThat(summary.deletes()).contains(BenchPlans.address(3));
    assertThat(summary.creates())
        .contains("module.db.module.replica[\"東京-8\"].terraform_data.node");
    assertThat(summary.drift()).hasSize(3);
    assertThat(summary.outputs()).containsEntry("connection", "create");
    AtomicBoolean split = new AtomicBoolean();
    assertThat(PlanSummarizer.summarize(plan, 0, split)).isEqualTo(summary);
    assertThat(split).isTrue();
  }

  @Test
  void everyActionListTheSupportedEnginesWriteIsKnownAndCounted() throws Exception {
    // OpenTofu 1.6-1.11 (jsonplan actionString) and Terraform 1.5+: ephemeral resources as
    // ["open"] with nulled values, and replaces that forget the old object instead of destroying it
    String plan =
        "{\"resource_changes\":["
            + change(
                "ephemeral.random_password.db", "[\"open\"]", "\"before\":null,\"after\":null,")
            + ","
            + change("aws_instance.kept", "[\"create\",\"forget\"]", "")
            + ","
            + change("aws_instance.kept2", "[\"forget\",\"create\"]", "")
            + ","
            + change("aws_instance.gone", "[\"forget\"]", "")
            + ","
            + change("aws_instance.r1", "[\"create\",\"delete\"]", "")
            + ","
            + change("aws_instance.r2", "[\"delete\",\"create\"]", "")
            + ","
            + change("data.x.y", "[\"read\"]", "")
            + ","
            + change("a.n", "[\"no-op\"]", "")
            + ","
            + change("a.c", "[\"create\"]", "")
            + ","
            + change("a.u", "[\"update\"]", "")
            + ","
            + change("a.d", "[\"delete\"]", "")
            + "]}";
    PlanSummary s =
        PlanSummarizer.summarize(
            new java.io.ByteArrayInputStream(
                plan.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(s.allCounts())
        .containsEntry("open", 1)
        .containsEntry("replace", 4)
        .containsEntry("forget", 1)
        .containsEntry("read", 1)
        .containsEntry("no-op", 1)
        .containsEntry("create", 1)
        .containsEntry("update", 1)
        .containsEntry("delete", 1);
    assertThat(s.replaces())
        .containsExactly(
            "aws_instance.kept", "aws_instance.kept2", "aws_instance.r1", "aws_instance.r2");
    assertThat(s.destroys()).as("a replace that forgets still needs the gate's consent").isTrue();
  }

  @Test
  void anEphemeralResourceAloneIsNoChange() throws Exception {
    String plan =
        "{\"resource_changes\":["
            + change(
                "ephemeral.random_password.db", "[\"open\"]", "\"before\":null,\"after\":null,")
            + "]}";
    PlanSummary s =
        PlanSummarizer.summarize(
            new java.io.ByteArrayInputStream(
                plan.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(s.count("open")).isEqualTo(1);
    assertThat(s.hasChanges()).isFalse();
  }

  private static String change(String address, String actions, String values) {
    return "{\"address\":\""
        + address
        + "\",\"type\":\"t\",\"change\":{"
        + values
        + "\"actions\":"
        + actions
        + "}}";
  }

  @Test
  void anAddressListedTwiceIsRefusedWhenTheTwoAreInDifferentHalves(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("twice.json");
    StringBuilder sb = new StringBuilder("{\"resource_changes\":[");
    for (int i = 0; i < 2000; i++) {
      sb.append(i == 0 ? "" : ",").append(change("a.n" + (i == 1999 ? 0 : i), "[\"no-op\"]", ""));
    }
    Files.writeString(file, sb.append("]}").toString());
    AtomicBoolean split = new AtomicBoolean();
    assertThatThrownBy(() -> PlanSummarizer.summarize(file, 1, split))
        .hasMessageContaining("lists the resource change a.n0 twice");
  }

  @Test
  void aReplaceInEitherOrderIsAReplaceAndNamesTheAddress() throws Exception {
    PlanSummary s = PlanSummarizer.summarize(RESOURCES.resolve("opentofu/requires-replace.json"));
    assertThat(s.count("replace")).isEqualTo(1);
    assertThat(s.replaces()).containsExactly("test_instance.test");
    assertThat(s.destroys()).isTrue();
    assertThat(PlanSummarizer.action(List.of("create", "delete"), "a.b")).isEqualTo("replace");
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
    String text =
        PlanSummaryText.text("plan", PlanSummarizer.summarize(file))
            + PlanSummaryText.json(PlanSummarizer.summarize(file));
    JsonNode plan = new ObjectMapper().readTree(file.toFile());
    List<String> values = new ArrayList<>();
    plan.path("resource_changes")
        .forEach(
            rc ->
                rc.path("change")
                    .path("after")
                    .forEach(
                        v -> {
                          if (v.isTextual() && v.asText().length() > 3) {
                            values.add(v.asText());
                          }
                        }));
    assertThat(values).isNotEmpty();
    values.forEach(v -> assertThat(text).doesNotContain(v));
  }

  @Test
  void aDocumentThatIsNotAPlanIsRejected() {
    assertThatThrownBy(
            () ->
                PlanSummarizer.summarize(
                    new ByteArrayInputStream("[1,2]".getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("not a plan document");
    assertThatThrownBy(
        () ->
            PlanSummarizer.summarize(
                new ByteArrayInputStream(
                    "{\"resource_changes\":[{".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void summarizePlanCommandPrintsJsonAndExitsTwoOnChanges() throws Exception {
    StringWriter out = new StringWriter();
    int exit =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            "summarize-plan",
            "--format",
            "json",
            RESOURCES.resolve("opentofu/basic-delete.json").toString());
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
    int exit =
        Main.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            "summarize-plan",
            garbage.toString());
    Files.delete(garbage);
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("not a readable show -json plan").doesNotContain("\tat ");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "actions as a string | {\"resource_changes\":[{\"address\":\"a.b\",\"type\":\"a\",\"change\":{\"actions\":\"delete\"}}]} | \"actions\" is not a JSON array",
        "resource_changes as an object | {\"resource_changes\":{\"address\":\"a.b\"}} | a list of changes is not a JSON array",
        "a repeated action | {\"resource_changes\":[{\"address\":\"a.b\",\"type\":\"a\",\"change\":{\"actions\":[\"delete\",\"delete\"]}}]} | has actions [delete, delete]",
        "an unknown action | {\"resource_changes\":[{\"address\":\"a.b\",\"type\":\"a\",\"change\":{\"actions\":[\"obliterate\"]}}]} | which parity does not understand",
        "no actions at all | {\"resource_changes\":[{\"address\":\"a.b\",\"type\":\"a\",\"change\":{\"actions\":[]}}]} | has actions []",
        "a change without an address | {\"resource_changes\":[{\"type\":\"a\",\"change\":{\"actions\":[\"delete\"]}}]} | has no \"address\"",
        "a change without actions | {\"resource_changes\":[{\"address\":\"a.b\",\"change\":{}}]} | has no \"actions\"",
        "a change that is not an object | {\"resource_changes\":[{\"address\":\"a.b\",\"change\":[\"delete\"]}]} | is not a JSON object",
        "an element that is not an object | {\"resource_changes\":[\"a.b\"]} | is not a JSON object",
        "errored as a string | {\"errored\":\"true\",\"resource_changes\":[]} | is not true or false",
        "an address that is a number | {\"resource_changes\":[{\"address\":7,\"change\":{\"actions\":[\"delete\"]}}]} | \"address\" is not a string",
        "resource_drift as an object | {\"resource_drift\":{},\"resource_changes\":[]} | a list of changes is not a JSON array",
        "an output change with actions as a string | {\"resource_changes\":[],\"output_changes\":{\"o\":{\"actions\":\"delete\"}}} | \"actions\" is not a JSON array",
        "actions null | {\"resource_changes\":[{\"address\":\"a.b\",\"change\":{\"actions\":null}}]} | \"actions\" is not a JSON array",
        "an action that is a number | {\"resource_changes\":[{\"address\":\"a.b\",\"change\":{\"actions\":[1]}}]} | holds a value that is not a string",
        "errored as a number | {\"errored\":1,\"resource_changes\":[]} | is not true or false",
        "three actions | {\"resource_changes\":[{\"address\":\"a.b\",\"change\":{\"actions\":[\"delete\",\"create\",\"delete\"]}}]} | has actions [delete, create, delete]",
        "a delete hidden in upper case | {\"resource_changes\":[{\"address\":\"a.b\",\"change\":{\"actions\":[\"DELETE\"]}}]} | which parity does not understand",
        "resource_changes null | {\"resource_changes\":null} | a list of changes is not a JSON array",
        "actions twice, the second a delete | {\"resource_changes\":[{\"address\":\"a.b\",\"change\":{\"actions\":[\"no-op\"],\"actions\":[\"delete\"]}}]} | has \"actions\" twice",
        "change twice | {\"resource_changes\":[{\"address\":\"a.b\",\"change\":{\"actions\":[\"no-op\"]},\"change\":{\"actions\":[\"delete\"]}}]} | has \"change\" twice",
        "address twice | {\"resource_changes\":[{\"address\":\"a.b\",\"address\":\"a.c\",\"change\":{\"actions\":[\"delete\"]}}]} | has \"address\" twice",
        "an address listed twice, the second a delete | {\"resource_changes\":[{\"address\":\"a.b\",\"change\":{\"actions\":[\"no-op\"]}},{\"address\":\"a.b\",\"change\":{\"actions\":[\"delete\"]}}]} | lists the resource change a.b twice",
        "errored twice, the second false | {\"errored\":true,\"errored\":false,\"resource_changes\":[]} | has \"errored\" twice",
        "resource_changes twice | {\"resource_changes\":[],\"resource_changes\":[]} | has \"resource_changes\" twice",
        "a drift listed twice | {\"resource_drift\":[{\"address\":\"a.b\",\"change\":{\"actions\":[\"update\"]}},{\"address\":\"a.b\",\"change\":{\"actions\":[\"delete\"]}}],\"resource_changes\":[]} | lists a.b twice",
        "an output listed twice | {\"resource_changes\":[],\"output_changes\":{\"o\":{\"actions\":[\"no-op\"]},\"o\":{\"actions\":[\"delete\"]}}} | list o twice",
        "renew is not a plan action | {\"resource_changes\":[{\"address\":\"ephemeral.a.b\",\"change\":{\"actions\":[\"renew\"]}}]} | which parity does not understand",
        "forget and delete is no pair the engines write | {\"resource_changes\":[{\"address\":\"a.b\",\"change\":{\"actions\":[\"forget\",\"delete\"]}}]} | which parity does not understand",
        "open and create is no pair the engines write | {\"resource_changes\":[{\"address\":\"a.b\",\"change\":{\"actions\":[\"open\",\"create\"]}}]} | which parity does not understand",
        "content after the plan | {\"resource_changes\":[]} {} | unexpected content after the",
        "a value cut off | {\"resource_changes\":[{\"address\":\"a.b\",\"change\":{\"actions\":[\"delete\"],\"after\":{\"x\": | at byte ",
        "a control character in a skipped string | {\"resource_changes\":[],\"x\":\"a\u0001b\"} | at byte "
      })
  void aShapeTheSummaryDoesNotUnderstandIsAnErrorNeverNoChanges(
      String name, String document, String message) {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                PlanSummarizer.summarize(
                    new java.io.ByteArrayInputStream(
                        document.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining(message);
  }
}
