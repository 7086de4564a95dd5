package dev.parity.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.error.ParityException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-place edit keeps every comment and the file's layout, whatever style the file uses. */
class VarFileEditorTest {
  @Test
  void replacesAnExistingVersionAndNothingElse() {
    String before =
        """
        # Shared development
        environment: dev   # trailing comment
        services:
          postgresql: { version: "16.2" }   # pinned for now
        topology: { db: 1, cache: 2 }
        """;
    assertThat(VarFileEditor.withVersion(before, "postgresql", "16.4"))
        .isEqualTo(before.replace("\"16.2\"", "\"16.4\""));
  }

  @Test
  void replacesABlockStyleVersion() {
    String before =
        "environment: prod\nservices:\n  postgresql:\n    version: '16.2'  # keep\n    role: db\n";
    assertThat(VarFileEditor.withVersion(before, "postgresql", "16.4"))
        .isEqualTo(
            "environment: prod\nservices:\n  postgresql:\n    version: \"16.4\"  # keep\n    role: db\n");
  }

  @Test
  void addsTheVersionToAServiceThatInheritsIt() {
    String before =
        "environment: prod\nservices:\n  postgresql:\n    settings: { work_mem: 16MB }\n";
    assertThat(VarFileEditor.withVersion(before, "postgresql", "16.4"))
        .isEqualTo(
            "environment: prod\nservices:\n  postgresql:\n    version: \"16.4\"\n    settings: { work_mem: 16MB }\n");
  }

  @Test
  void addsTheServiceOrTheWholeBlockWhenMissing() {
    assertThat(VarFileEditor.withVersion("environment: qa\n# end\n", "postgresql", "16.4"))
        .isEqualTo("environment: qa\n# end\nservices:\n  postgresql: { version: \"16.4\" }\n");
    assertThat(
            VarFileEditor.withVersion(
                "environment: qa\nservices:\n  memcached: { role: cache }\n", "postgresql", "16.4"))
        .isEqualTo(
            "environment: qa\nservices:\n  postgresql: { version: \"16.4\" }\n  memcached: { role: cache }\n");
    assertThat(
            VarFileEditor.withVersion(
                "environment: qa\nservices: { memcached: { role: cache } }\n",
                "postgresql",
                "16.4"))
        .isEqualTo(
            "environment: qa\nservices: { postgresql: { version: \"16.4\" }, memcached: { role: cache } }\n");
  }

  @Test
  void emojiAndOtherCharactersBeyondTheBmpBeforeTheVersionDoNotShiftTheEdit() {
    String before =
        """
        # 🚀 prod 🐘 — handle with care 𝔭𝔞𝔯𝔦𝔱𝔶
        environment: prod   # 🔒
        services:
          postgresql: { version: "16.2" }   # 🐘🐘
          memcached:
            # 🧠 cache
            role: cache
        """;
    assertThat(VarFileEditor.withVersion(before, "postgresql", "16.4"))
        .isEqualTo(before.replace("\"16.2\"", "\"16.4\""));
    assertThat(VarFileEditor.withVersion(before, "memcached", "1.6.18"))
        .isEqualTo(
            before.replace("    role: cache\n", "    version: \"1.6.18\"\n    role: cache\n"));
    String flow = "# 🚀\nenvironment: qa\nservices: { memcached: { role: cache } }\n";
    assertThat(VarFileEditor.withVersion(flow, "postgresql", "16.4"))
        .isEqualTo(
            "# 🚀\nenvironment: qa\nservices: { postgresql: { version: \"16.4\" }, memcached: { role: cache } }\n");
  }

  @Test
  void aLinkedOrOutsideEnvironmentFileIsRefusedAndNothingIsWritten(@TempDir Path tmp)
      throws Exception {
    Path vars = Files.createDirectory(tmp.resolve("vars"));
    Path outside = Files.writeString(tmp.resolve("prod.yml"), "environment: prod\n");
    Path link = Files.createSymbolicLink(vars.resolve("prod.yml"), outside);
    assertThatThrownBy(() -> VarFileEditor.setVersion(vars, link, "postgresql", "16.4"))
        .isInstanceOf(ParityException.class)
        .hasMessageStartingWith(link + ": a symbolic link (to " + outside + ")")
        .hasMessageEndingWith("Nothing was written.");
    assertThatThrownBy(() -> VarFileEditor.setVersion(vars, outside, "postgresql", "16.4"))
        .isInstanceOf(ParityException.class)
        .hasMessageStartingWith(outside + ": not a regular file directly in " + vars);
    assertThat(outside).hasContent("environment: prod\n");

    Path yaml = Files.writeString(vars.resolve("qa.yaml"), "environment: qa\n");
    VarFileEditor.setVersion(vars, yaml, "postgresql", "16.4");
    assertThat(yaml).hasContent("environment: qa\nservices:\n  postgresql: { version: \"16.4\" }");
    try (var left = Files.list(vars)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("prod.yml", "qa.yaml");
    }
  }
}
