package dev.parity.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.support.LocalStack;
import dev.parity.support.ParityCli.Run;
import dev.parity.support.ParityHome;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two declared tools on the local environment's nodes, one of them not at its version (GNU hello,
 * absent): assert names the node, the tool and both versions; configure --check shows the drift;
 * configure installs the declared version with the node's package manager; assert passes.
 */
@Tag("integration")
class DeveloperToolsIntegrationTest {
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
  void localWithTwoTools() throws Exception {
    apt("purge", "hello");
    home = ParityHome.copyOfRepository();
    home.removeEnvironments("dev", "qa", "staging", "prod");
    String common = Files.readString(home.vars().resolve("common.yml"));
    // Only the two tools of this test: the project's own are checked by doctor elsewhere.
    common = common.replaceAll("(?s)tools:.*?\\n\\n", "");
    home.write(
        "vars/common.yml",
        common
            + "tools:\n"
            + "  python3: { version: \"3.11\", environments: [local] }\n"
            + "  hello:\n"
            + "    version: \"2.10\"\n"
            + "    environments: [local]\n"
            // Debian's hello prints no version of its own: the package database says it.
            + "    read: { command: [dpkg-query, -W, \"-f=${db:Status-Abbrev}${Version}\", hello],"
            + " regex: '^ii\\s*(\\d+(?:\\.\\d+)+)' }\n"
            + "    install: { package: hello }\n");
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
  void aToolAtAnotherVersionFailsAssertNamingNodeToolAndVersionsAndConfigureRepairsIt()
      throws Exception {
    stack.provision("local");
    Run first = stack.configure("local");
    assertThat(first.exit()).as(first.all()).isZero();
    apt("purge", "hello"); // a node that lost the tool, or never had this version
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
}
