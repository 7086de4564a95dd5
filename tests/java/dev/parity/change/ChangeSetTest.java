package dev.parity.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.change.ChangeSet.ConfigChange;
import dev.parity.change.ChangeSet.DataDeletion;
import dev.parity.change.ChangeSet.VersionChange;
import dev.parity.error.ParityException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeSetTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VARS = "a".repeat(64);
  private static final String MODULE = "b".repeat(64);

  static ChangeSet patchOfProd(String commit) {
    return new ChangeSet(
        "prod",
        "deploy",
        true,
        plan(false),
        List.of(new ConfigChange("prod-db-0", "postgresql", "Install the declared build")),
        List.of(new VersionChange("prod-db-0", "postgresql", "16.2", "16.4")),
        List.of(),
        List.of(),
        VARS,
        MODULE,
        commit);
  }

  static JsonNode plan(boolean changes) {
    try {
      return JSON.readTree(
          "{\"counts\":{\"create\":"
              + (changes ? 1 : 0)
              + "},\"creates\":"
              + (changes ? "[\"terraform_data.node[\\\"db-1\\\"]\"]" : "[]")
              + ",\"updates\":[],\"forgets\":[],\"deletes\":[],\"replaces\":[],\"outputs\":{},"
              + "\"drift\":{},\"errored\":false,\"has_changes\":"
              + changes
              + "}");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A protected deploy's change set with these parts, no notes and no commit. */
  private static ChangeSet deploy(
      String env,
      JsonNode infrastructure,
      List<ConfigChange> configuration,
      List<VersionChange> versions,
      List<DataDeletion> data,
      String vars,
      String module) {
    return new ChangeSet(
        env,
        "deploy",
        true,
        infrastructure,
        configuration,
        versions,
        data,
        List.of(),
        vars,
        module,
        null);
  }

  @Test
  void aConfigurationOnlyPatchIsAChangeWithItsVersionAndTaskShown() {
    ChangeSet set = patchOfProd("abc123");
    assertThat(set.isEmpty()).isFalse();
    assertThat(set.text())
        .contains("prod-db-0 postgresql 16.2 -> 16.4")
        .contains("prod-db-0: postgresql: Install the declared build")
        .contains("infrastructure: no changes")
        .contains("commit abc123")
        .contains("Change set sha256: " + set.sha256());
    assertThat(set.sha256()).matches("[0-9a-f]{64}");
  }

  @Test
  void theShaCoversEveryAddressTaskVersionAndFingerprintButNotTheCommit() {
    ChangeSet base = patchOfProd("abc123");
    assertThat(patchOfProd("def456").sha256())
        .as("a commit that changes nothing the environment is made from")
        .isEqualTo(base.sha256());
    List<ChangeSet> others =
        List.of(
            deploy(
                "prod", plan(true), base.configuration(), base.versions(), List.of(), VARS, MODULE),
            deploy(
                "prod", base.infrastructure(), List.of(), base.versions(), List.of(), VARS, MODULE),
            deploy(
                "prod",
                base.infrastructure(),
                base.configuration(),
                List.of(new VersionChange("prod-db-0", "postgresql", "16.2", "16.5")),
                List.of(),
                VARS,
                MODULE),
            deploy(
                "prod",
                base.infrastructure(),
                base.configuration(),
                base.versions(),
                List.of(),
                "c".repeat(64),
                MODULE),
            deploy(
                "prod",
                base.infrastructure(),
                base.configuration(),
                base.versions(),
                List.of(),
                VARS,
                "d".repeat(64)),
            deploy(
                "prod",
                base.infrastructure(),
                base.configuration(),
                base.versions(),
                List.of(new DataDeletion("prod-db-0", "/srv/db")),
                VARS,
                MODULE),
            deploy(
                "staging",
                base.infrastructure(),
                base.configuration(),
                base.versions(),
                List.of(),
                VARS,
                MODULE));
    assertThat(others).allSatisfy(o -> assertThat(o.sha256()).isNotEqualTo(base.sha256()));
  }

  @Test
  void aRecordedDocumentReadsBackToTheSameShaAndAnEditedOneIsRefused() throws Exception {
    ChangeSet set = patchOfProd("abc123");
    JsonNode doc = JSON.readTree(JSON.writeValueAsString(set.document()));
    assertThat(ChangeSet.fromDocument(doc).sha256()).isEqualTo(set.sha256());
    assertThat(ChangeSet.fromDocument(doc).commit()).isEqualTo("abc123");
    var edited = doc.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) edited.path("change_set"))
        .putArray("versions");
    assertThatThrownBy(() -> ChangeSet.fromDocument(edited))
        .isInstanceOf(ParityException.class)
        .hasMessageContaining("does not have the sha256 it was recorded with");
  }

  @Test
  void nothingPlannedConfiguredOrDeletedIsEmpty() {
    ChangeSet none =
        new ChangeSet(
            "prod",
            "deploy",
            true,
            plan(false),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            VARS,
            MODULE,
            null);
    assertThat(none.isEmpty()).isTrue();
    assertThat(none.text()).contains("infrastructure: no changes").contains("versions: no changes");
  }

  @Test
  void aDestroyListsEveryDeletedAddressAndDataDirectory() throws Exception {
    JsonNode destroy =
        JSON.readTree(
            "{\"counts\":{\"delete\":2},\"creates\":[],\"updates\":[],\"forgets\":[],"
                + "\"deletes\":[\"terraform_data.host[\\\"db-0\\\"]\",\"terraform_data.network\"],"
                + "\"replaces\":[],\"outputs\":{\"inventory\":\"delete\"},\"drift\":{},"
                + "\"errored\":false,\"has_changes\":true}");
    ChangeSet down =
        new ChangeSet(
            "prod",
            "destroy",
            true,
            destroy,
            List.of(),
            List.of(),
            List.of(new DataDeletion("prod-db-0", "/var/lib/x/prod-db-0/disk")),
            List.of(),
            VARS,
            MODULE,
            null);
    assertThat(down.text())
        .contains("delete  terraform_data.host[\"db-0\"]")
        .contains("delete  terraform_data.network")
        .contains("output  inventory: delete")
        .contains("data deleted:")
        .contains("prod-db-0: /var/lib/x/prod-db-0/disk");
  }
}
