package dev.parity.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.support.AptRepository;
import dev.parity.support.LocalStack;
import dev.parity.support.ParityCli.Run;
import dev.parity.support.ParityHome;
import dev.parity.toolchain.ToolCache;
import dev.parity.toolchain.Toolchain;
import dev.parity.vars.ToolSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two declared tools on an environment's nodes, one of them not at its version: assert names the
 * node, the tool and both versions; configure --check shows the drift; configure installs the
 * declared version with the node's package manager; assert passes. On a developer's machine (the
 * local environment, read directly) with a tool that is missing, and on a lab host reached over SSH
 * with a tool at an older version than declared.
 */
@Tag("integration")
class DeveloperToolsIntegrationTest {
  private static final String TOFU = Toolchain.pinned().opentofu();
  private ParityHome home;
  private LocalStack stack;

  private static void apt(String... args) throws Exception {
    Process p =
        new ProcessBuilder(
                java.util.stream.Stream.concat(
                        java.util.stream.Stream.of("apt-get", "-q", "-y"),
                        java.util.stream.Stream.of(args))
                    .toList())
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
  }

  @BeforeEach
  void aVariableSetWithoutTheProjectsOwnTools() throws Exception {
    apt("purge", "hello");
    home = ParityHome.copyOfRepository();
    home.removeEnvironments("qa", "staging", "prod");
    String common = Files.readString(home.vars().resolve("common.yml"));
    // Only the two tools of each test: the project's own are checked by doctor elsewhere.
    home.write("vars/common.yml", common.replaceAll("(?s)tools:.*?\\n\\n", ""));
    stack = new LocalStack(home, home.env(Map.of()));
  }

  @AfterEach
  void takeDown() throws Exception {
    try {
      stack.downAll();
    } finally {
      home.close();
      apt("purge", "hello");
    }
  }

  @Test
  void aToolMissingOnTheDevelopersMachineFailsAssertAndConfigureInstallsIt() throws Exception {
    home.append(
        "vars/common.yml",
        "tools:\n"
            + "  python3: { version: \"3.11\", environments: [local] }\n"
            + "  hello:\n"
            + "    version: \"2.10\"\n"
            + "    environments: [local]\n"
            // Debian's hello prints no version of its own: the package database says it.
            + "    read: { command: [dpkg-query, -W, \"-f=${db:Status-Abbrev}${Version}\", hello],"
            + " regex: '^ii\\s*(\\d+(?:\\.\\d+)+)' }\n"
            + "    install: { package: hello }\n");
    stack.provision("local");
    Run first = stack.configure("local");
    assertThat(first.exit()).as(first.all()).isZero();
    apt("purge", "hello"); // a machine that lost the tool, or never had it
    Run wrong = stack.parity("assert", "--env", "local");
    assertThat(wrong.exit()).as(wrong.all()).isEqualTo(2);
    assertThat(wrong.out())
        .contains("local-db-0 has no hello (2.10 is declared)")
        .doesNotContain("python3 is");

    Run drift = stack.configure("local", "--check");
    assertThat(drift.exit()).as(drift.all()).isEqualTo(2);
    assertThat(drift.all())
        .contains("Install the declared version where the node has another or none");

    Run repaired = stack.configure("local");
    assertThat(repaired.exit()).as(repaired.all()).isZero();
    Run right = stack.parity("assert", "--env", "local");
    assertThat(right.exit()).as(repaired.all() + right.all()).isZero();
    Run again = stack.configure("local", "--check");
    assertThat(again.exit()).as("idempotent: " + again.all()).isZero();
    assertThat(right.out()).contains("PASS  local");
  }

  @Test
  void aToolAtAnOlderVersionOnAnSshHostFailsAssertNamingNodeToolAndVersionsAndConfigureRepairsIt()
      throws Exception {
    home.append(
        "vars/common.yml",
        "tools:\n"
            + "  python3: { version: \"3.11\", environments: [dev] }\n"
            + "  parity-demo:\n"
            + "    version: \"2.0\"\n"
            + "    environments: [dev]\n"
            + "    roles: [db]\n"
            + "    read: { command: [parity-demo, --version], regex: 'version (\\d+(?:\\.\\d+)+)' }\n"
            + "    install: { package: parity-demo }\n");
    try (AptRepository repo = AptRepository.withTool("parity-demo", "1.0.3", "2.0.1")) {
      repo.install("1.0.3");
      Run deploy = stack.parity("deploy", "--env", "dev");
      assertThat(deploy.exit()).as(deploy.all()).isZero();
      assertThat(repo.installed())
          .as("configure installed the declared version")
          .isEqualTo("2.0.1");

      repo.install("1.0.3"); // someone put the host back on the old version
      Run wrong = stack.parity("assert", "--env", "dev");
      assertThat(wrong.exit()).as(wrong.all()).isEqualTo(2);
      assertThat(wrong.out())
          .contains("dev-db-0 parity-demo is 1.0.3 but 2.0 is declared")
          .doesNotContain("dev-cache-0 parity-demo") // required on the db role only
          .doesNotContain("python3 is");

      Run drift = stack.configure("dev", "--check");
      assertThat(drift.exit()).as(drift.all()).isEqualTo(2);
      assertThat(drift.all())
          .contains("Install the declared version where the node has another or none");
      assertThat(repo.installed()).as("--check changes nothing").isEqualTo("1.0.3");

      Run repaired = stack.configure("dev");
      assertThat(repaired.exit()).as(repaired.all()).isZero();
      assertThat(repo.installed()).isEqualTo("2.0.1");
      Run right = stack.parity("assert", "--env", "dev");
      assertThat(right.exit()).as(repaired.all() + right.all()).isZero();
      assertThat(right.out()).contains("PASS  dev");
      Run again = stack.configure("dev", "--check");
      assertThat(again.exit()).as("idempotent: " + again.all()).isZero();
    }
  }

  /**
   * OpenTofu from the controller's tool cache (what ./parity tools install put there), pushed to a
   * lab host that has none, then repaired when the node's tofu is another one.
   */
  @Test
  void aToolFromTheToolCacheIsPushedToAnSshHostThatLacksItAndRelinkedWhenReplaced()
      throws Exception {
    Path link = Path.of("/usr/local/bin/tofu");
    Path installed = Path.of(ToolSpec.INSTALL_ROOT, "tofu-" + TOFU);
    assertThat(link).as("this machine must not have a tofu of its own here").doesNotExist();
    Path other = Files.createTempDirectory("parity-other-tofu");
    // readable by the lab hosts' SSH user, as a tofu someone installed would be
    Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rwxr-xr-x"));
    try {
      stack.provision("dev");
      Run deployed = stack.configure("dev"); // the services first, with no tools declared
      assertThat(deployed.exit()).as(deployed.all()).isZero();
      home.append(
          "vars/common.yml",
          "tools:\n"
              + "  python3: { version: \"3.11\", environments: [dev] }\n"
              + "  tofu:\n"
              + "    version: \""
              + TOFU
              + "\"\n"
              + "    environments: [dev]\n"
              + "    roles: [db]\n"
              + "    install: { from_tool_cache: opentofu/"
              + TOFU
              + " }\n");
      Run missing = stack.parity("assert", "--env", "dev");
      assertThat(missing.exit()).as(missing.all()).isEqualTo(2);
      assertThat(missing.out()).contains("dev-db-0 has no tofu (" + TOFU + " is declared)");
      Run drift = stack.configure("dev", "--check");
      assertThat(drift.exit()).as(drift.all()).isEqualTo(2);
      assertThat(drift.all()).contains("Install tofu " + TOFU + " from the tool cache");
      assertThat(link).as("--check changes nothing").doesNotExist();

      Run pushed = stack.configure("dev");
      assertThat(pushed.exit()).as(pushed.all()).isZero();
      assertThat(link).isSymbolicLink();
      assertThat(Files.readSymbolicLink(link)).isEqualTo(installed.resolve("tofu"));
      Run right = stack.parity("assert", "--env", "dev");
      assertThat(right.exit()).as(right.all()).isZero();

      // Someone put another tofu in its place.
      Path old = other.resolve("tofu");
      Files.writeString(old, "#!/bin/sh\necho 'OpenTofu v1.9.1'\necho 'on linux_amd64'\n");
      old.toFile().setExecutable(true, false);
      Files.delete(link);
      Files.createSymbolicLink(link, old);
      Run wrong = stack.parity("assert", "--env", "dev");
      assertThat(wrong.exit()).as(wrong.all()).isEqualTo(2);
      assertThat(wrong.out()).contains("dev-db-0 tofu is 1.9.1 but " + TOFU + " is declared");
      Run relinked = stack.configure("dev");
      assertThat(relinked.exit()).as(relinked.all()).isZero();
      assertThat(Files.readSymbolicLink(link)).isEqualTo(installed.resolve("tofu"));
      Run again = stack.parity("assert", "--env", "dev");
      assertThat(again.exit()).as(again.all()).isZero();
      Run clean = stack.configure("dev", "--check");
      assertThat(clean.exit()).as("idempotent: " + clean.all()).isZero();
    } finally {
      Files.deleteIfExists(link);
      if (Files.exists(installed)) {
        ParityHome.deleteTree(installed);
      }
      for (Path dir = installed.getParent(); !dir.equals(Path.of("/opt")); dir = dir.getParent()) {
        if (!Files.isDirectory(dir)) {
          continue;
        }
        try (var left = Files.list(dir)) {
          if (left.findAny().isPresent()) {
            break;
          }
        }
        Files.delete(dir); // the /opt/parity/tools this test made, when nothing else is there
      }
      ParityHome.deleteTree(other);
    }
  }

  /**
   * The tools role on a developer's machine where parity does not run as root: parity sets
   * parity_is_root from its uid (this suite runs as root), so the role is driven here by the real
   * ansible-playbook with that flag off, as Configuration's inventory would set it.
   */
  @Test
  void withoutRootTheDevelopersMachineIsToldWhatAnAdministratorMustRunAndNothingIsInstalled()
      throws Exception {
    Path dir = Files.createTempDirectory("parity-nonroot-");
    try {
      Files.writeString(
          dir.resolve("play.yml"), "- hosts: all\n  gather_facts: false\n  roles: [tools]\n");
      Files.writeString(
          dir.resolve("inventory.yml"),
          "all:\n  hosts:\n    local-db-0:\n"
              + "      ansible_connection: local\n"
              + "      ansible_python_interpreter: /usr/bin/python3\n"
              + "      parity_remote: false\n"
              + "      parity_is_root: false\n"
              + "      parity_node: { name: local-db-0, role: db }\n");
      String hello = "[\"dpkg-query\", \"-W\", \"-f=${db:Status-Abbrev}${Version}\", \"hello\"]";
      Files.writeString(
          dir.resolve("vars.json"),
          "{\"parity\": {\"environment\": \"local\", \"tools\": ["
              + "{\"name\": \"hello\", \"version\": \"2.10\", \"read\": "
              + hello
              + ", \"regex\": \"^ii\\\\s*(\\\\d+(?:\\\\.\\\\d+)+)\", \"roles\": [],"
              + " \"package\": \"hello=2.10*\"},"
              + "{\"name\": \"ourctl\", \"version\": \"2.3\", \"read\": [\"ourctl\", \"--version\"],"
              + " \"regex\": \"(\\\\d+\\\\.\\\\d+)\", \"roles\": [], \"package\": null,"
              + " \"archive\": {\"path\": \"/nonexistent.tar.gz\", \"sha256\": \"0\", \"arch\": \"x86_64\","
              + " \"dir\": \"/opt/parity/tools/ourctl-2.3\", \"bin\": \"ourctl\"}}]}}\n");
      Path playbook = ToolCache.fromEnvironment().ansiblePlaybook(Toolchain.pinned().ansibleCore());
      ProcessBuilder pb =
          new ProcessBuilder(
                  playbook.toString(),
                  "-i",
                  dir.resolve("inventory.yml").toString(),
                  "-e",
                  "@" + dir.resolve("vars.json"),
                  dir.resolve("play.yml").toString())
              .redirectErrorStream(true);
      pb.environment()
          .put("ANSIBLE_ROLES_PATH", ParityHome.REPOSITORY.resolve("playbooks/roles").toString());
      pb.environment().put("ANSIBLE_NOCOLOR", "1");
      Process p = pb.start();
      String out =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out)
          .contains("hello 2.10 is needed here: sudo apt-get install -y 'hello=2.10*'")
          .contains("ourctl 2.3 is needed here: as root: parity configure --env local");
      assertThat(Path.of("/opt/parity/tools/ourctl-2.3")).doesNotExist();
      Process dpkg =
          new ProcessBuilder("dpkg-query", "-W", "-f=${db:Status-Abbrev}", "hello").start();
      String state = new String(dpkg.getInputStream().readAllBytes()).strip();
      dpkg.waitFor();
      assertThat(state).as("hello is not installed").doesNotStartWith("ii");
    } finally {
      ParityHome.deleteTree(dir);
    }
  }
}
