package dev.parity.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabLeftoversTest {
  // As `ip netns list` prints them: some with an id, one of another prefix.
  private static final String LISTED =
      "p1234567-dev-db-0 (id: 3)\n"
          + "p1234567-dev-cache-1 (id: 4)\n"
          + "p1234567-staging-db-0\n"
          + "p7654321-dev-db-0 (id: 1)\n"
          + "p1234567-my-env-db-0\n";

  @Test
  void aWorkDirsLeftoversAreItsHostsThatNoInventoryKnows() {
    assertThat(
            LabLeftovers.leftovers(
                LISTED, "p1234567", Set.of("p1234567-dev-cache-1"), Optional.empty()))
        .containsExactly("p1234567-dev-db-0", "p1234567-my-env-db-0", "p1234567-staging-db-0");
  }

  @Test
  void withASharedStoreOnlyTheEnvironmentsTakenDownAreSwept() {
    // staging may be another agent's: its hosts are not this run's to remove
    assertThat(
            LabLeftovers.leftovers(
                LISTED, "p1234567", Set.of(), Optional.of(Set.of("dev", "my-env"))))
        .containsExactly("p1234567-dev-cache-1", "p1234567-dev-db-0", "p1234567-my-env-db-0");
  }

  @Test
  void theEnvironmentIsEverythingBeforeRoleAndIndex() {
    assertThat(LabLeftovers.environmentOf("my-env-db-0")).contains("my-env");
    assertThat(LabLeftovers.environmentOf("db-0")).isEmpty();
  }

  @Test
  void theBridgeIsWhatTheLabsScriptRecordedAndOnlyAnInterfaceName(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    assertThat(LabLeftovers.recordedBridge(dir)).as("nothing recorded").isEmpty();
    java.nio.file.Files.writeString(dir.resolve("bridge"), "pb0123456789\n");
    assertThat(LabLeftovers.recordedBridge(dir)).contains("pb0123456789");
    java.nio.file.Files.writeString(dir.resolve("bridge"), "pb1; rm -rf /\n");
    assertThat(LabLeftovers.recordedBridge(dir)).as("never a command line").isEmpty();
  }
}
