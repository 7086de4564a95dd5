package dev.parity.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which attributes an update changes, read from real show -json documents. */
class ChangedAttributesTest {
  private static final Path CAPTURED = Path.of("..", "tests", "resources", "show-json", "captured");
  private static final Path OPENTOFU = Path.of("..", "tests", "resources", "show-json", "opentofu");

  @Test
  void aTagChangedOutsideTheEngineIsTheOneKnownAttributeAndTheUnknownOutputIsLeftOut()
      throws Exception {
    // OpenTofu 1.11.14: terraform_data.app's input.tags.scanned edited in the state
    ChangedAttributes a =
        ChangedAttributes.read(CAPTURED.resolve("terraform-data-tag-changed-outside.json"));
    assertThat(a.changes()).isEqualTo(Map.of("terraform_data.app", List.of("input.tags.scanned")));
    assertThat(a.drift()).isEmpty();
  }

  @Test
  void aSecondAttributeChangedOnTheSameResourceIsListedBesideIt() throws Exception {
    ChangedAttributes a =
        ChangedAttributes.read(
            CAPTURED.resolve("terraform-data-tag-and-size-changed-outside.json"));
    assertThat(a.changes().get("terraform_data.app"))
        .containsExactly("input.size", "input.tags.scanned");
  }

  @Test
  void aPlanThatOnlyCreatesListsNoUpdate() throws Exception {
    assertThat(ChangedAttributes.read(CAPTURED.resolve("bundled-dev-create.json")).changes())
        .isEmpty();
  }

  static Stream<Path> openTofuDocuments() throws Exception {
    return Files.list(OPENTOFU).filter(p -> p.toString().endsWith(".json")).sorted();
  }

  /** OpenTofu's own documents: every update the summary counts, and nothing else, is read. */
  @ParameterizedTest
  @MethodSource("openTofuDocuments")
  void everyUpdateOfARealDocumentIsReadAndOnlyUpdates(Path document) throws Exception {
    PlanSummary summary = PlanSummarizer.summarize(document);
    ChangedAttributes a = ChangedAttributes.read(document);
    assertThat(a.changes().keySet()).containsExactlyInAnyOrderElementsOf(summary.updates());
    assertThat(a.drift().keySet()).isSubsetOf(summary.drift().keySet());
  }
}
