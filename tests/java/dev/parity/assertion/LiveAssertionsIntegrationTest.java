package dev.parity.assertion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.support.LocalStack;
import dev.parity.support.ParityCli.Run;
import dev.parity.support.ParityHome;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * assert, status and report against a real configured stack; the HTML report rendered by headless
 * Chromium.
 */
@Tag("integration")
class LiveAssertionsIntegrationTest {
  private ParityHome home;
  private LocalStack stack;

  @BeforeEach
  void deployTwoEnvironments() throws Exception {
    home = ParityHome.copyOfRepository();
    stack = new LocalStack(home, home.env(Map.of()));
    for (String env : List.of("local", "dev")) {
      stack.provision(env);
      Run r = stack.configure(env);
      assertThat(r.exit()).as(r.all()).isZero();
    }
  }

  @AfterEach
  void takeDown() throws Exception {
    stack.downAll();
    assertThat(stack.processes()).isEmpty();
    home.close();
  }

  @Test
  void assertPassesThenNamesAWrongVersionAndAnUnreachableNode() throws Exception {
    Path junit = home.root().resolve("reports/dev.xml");
    Run ok = stack.parity("assert", "--env", "dev", "--junit", junit.toString());
    assertThat(ok.exit()).as(ok.all()).isZero();
    assertThat(ok.out()).contains("PASS  dev: 5 of 5 assertions passed");
    SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(getClass().getResource("/junit/jenkins-junit.xsd"))
        .newValidator()
        .validate(new StreamSource(new StringReader(Files.readString(junit))));
    assertThat(Files.readString(junit)).contains("tests=\"5\"").contains("failures=\"0\"");

    home.write(
        "vars/local.yml",
        Files.readString(home.vars().resolve("local.yml"))
            .replace("  postgresql:\n", "  postgresql:\n    version: \"16.4\"\n"));
    Run wrong = stack.parity("assert", "--env", "local");
    assertThat(wrong.exit()).as(wrong.all()).isEqualTo(2);
    assertThat(wrong.out()).contains("local-db-0 postgresql runs 16.2 but 16.4 is declared");

    Path pidfile = stack.node("dev", "cache-0").resolve("memcached/memcached.pid");
    ProcessHandle memcached =
        ProcessHandle.of(Long.parseLong(Files.readString(pidfile).strip())).orElseThrow();
    memcached.destroyForcibly();
    memcached.onExit().get(10, TimeUnit.SECONDS);
    Run down = stack.parity("assert", "--env", "dev");
    assertThat(down.exit()).isEqualTo(2);
    assertThat(down.out())
        .contains("dev-cache-0 memcached is unreachable")
        .contains("4 of 5 assertions passed");
  }

  @Test
  void statusShowsTheLiveMatrixAndTheHtmlReportRendersInChromium() throws Exception {
    Run status = stack.parity("status", "--all");
    assertThat(status.exit()).as(status.all()).isZero();
    assertThat(status.out())
        .containsPattern("service +local +dev\n")
        .containsPattern("postgresql +16\\.2 +16\\.4\n")
        .containsPattern("tool: java +17\\.0\\.\\d+ +-\n")
        .contains("warning  patch-lag")
        .contains("not deployed (no inventory): qa, staging, prod");

    Path html = home.root().resolve("reports/parity.html");
    Run report =
        stack.parity(
            "report",
            "--format",
            "html",
            "--out",
            html.toString(),
            "--work-dir",
            home.work().toString());
    assertThat(report.exit()).as(report.all()).isZero();

    Path screenshot = home.root().resolve("reports/parity.png");
    String dom = chromium(html, "--dump-dom");
    chromium(html, "--screenshot=" + screenshot, "--window-size=1100,900");
    assertThat(dom).contains("id=\"matrix\"").doesNotContain("<style");
    String text = dom.replaceAll("<[^>]+>", " ");
    assertThat(text)
        .contains("dev")
        .contains("local")
        .contains("16.4")
        .contains("16.2")
        .contains("1.6.18");
    assertThat(Files.size(screenshot)).isGreaterThan(10_000);

    for (String format : List.of("md", "json", "junit")) {
      Path out = home.root().resolve("reports/parity." + format);
      assertThat(
              stack
                  .parity(
                      "report",
                      "--format",
                      format,
                      "--out",
                      out.toString(),
                      "--work-dir",
                      home.work().toString())
                  .exit())
          .isZero();
      assertThat(Files.readString(out)).contains("16.2");
    }
  }

  static String chromium(Path page, String... args) throws Exception {
    return dev.parity.support.Chromium.run(page, args);
  }
}
