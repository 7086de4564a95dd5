package dev.parity.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
