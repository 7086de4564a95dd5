package dev.parity.vars;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The format's description (VarSchema) is what binding and check use: an environment that says
 * nothing gets exactly the defaults the description gives (and the exported schema shows), and the
 * keys check leaves alone are those the description marks.
 */
class FormatDescriptionTest {
  @Test
  void anEnvironmentThatSaysNothingGetsTheDescribedDefaults(@TempDir Path vars) throws Exception {
    Files.writeString(
        vars.resolve("common.yml"),
        """
        schema: parity/v1
        project: shop
        services:
          postgresql: { version: "16.4", role: db, port: 15432 }
        topology: { db: 1 }
        """);
    Files.writeString(vars.resolve("dev.yml"), "environment: dev\n");
    EnvironmentSpec dev = new VarSetLoader().load(vars).environment("dev");
    assertThat(dev.isProtected()).isEqualTo(VarSchema.defaultFlag("protected"));
    assertThat(dev.portOffset()).isEqualTo(VarSchema.defaultInt("network.port_offset"));
    assertThat(dev.bindAddress()).isEqualTo(VarSchema.defaultText("network.bind_address"));
    assertThat(dev.terraform().module()).isEqualTo(VarSchema.defaultText("terraform.module"));
    assertThat(dev.terraform().timeoutMinutes())
        .isEqualTo(VarSchema.defaultInt("terraform.timeout_minutes"));
    assertThat(dev.ansible().forks()).isEqualTo(VarSchema.defaultInt("ansible.forks"));
    assertThat(dev.ansible().timeoutMinutes())
        .isEqualTo(VarSchema.defaultInt("ansible.timeout_minutes"));
    EnvironmentSpec.Ssh ssh = dev.access().ssh();
    assertThat(ssh.user()).isEqualTo(VarSchema.defaultText("ssh.user"));
    assertThat(ssh.becomeMethod()).isEqualTo(VarSchema.defaultText("ssh.become_method"));
    assertThat(ssh.pipelining()).isEqualTo(VarSchema.defaultFlag("ssh.pipelining"));
    assertThat(ssh.controlPersist()).isEqualTo(VarSchema.defaultFlag("ssh.control_persist"));

    // Written, a value wins over the default; a half-written section keeps the rest's defaults.
    Files.writeString(
        vars.resolve("dev.yml"),
        "environment: dev\nterraform: { timeout_minutes: 5 }\nssh: { user: ops }\n");
    EnvironmentSpec written = new VarSetLoader().load(vars).environment("dev");
    assertThat(written.terraform().timeoutMinutes()).isEqualTo(5);
    assertThat(written.terraform().module()).isEqualTo(VarSchema.defaultText("terraform.module"));
    assertThat(written.access().ssh().user()).isEqualTo("ops");
    assertThat(written.access().ssh().pipelining())
        .isEqualTo(VarSchema.defaultFlag("ssh.pipelining"));
  }

  @Test
  void theKeysCheckDoesNotCompareKeyByKeyAreThoseTheDescriptionMarks() {
    assertThat(VarSchema.notComparedKeyByKey())
        .containsExactlyInAnyOrder(
            "environment",
            "protected",
            "secrets",
            "network",
            "ssh",
            "terraform",
            "ansible",
            "topology",
            "sizing",
            "parity",
            "notify",
            "services.*.version",
            "services.*.port",
            "services.*.install",
            "services.*.replication",
            "tools.*.version",
            "tools.*.environments",
            "tools.*.roles");
  }

  @Test
  void aKeyWithoutADescribedDefaultIsAProgrammingErrorNotASilentValue() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> VarSchema.defaultOf("terraform.schema_name"))
        .hasMessageContaining("has no default");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> VarSchema.defaultOf("terraform.nope"))
        .hasMessageContaining("no key terraform.nope");
  }
}
