package dev.parity.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.parity.assertion.AssertionResult;
import dev.parity.assertion.EnvironmentAssertions;
import dev.parity.check.Finding;
import dev.parity.check.ParityReport;
import dev.parity.check.PatchClock;
import dev.parity.check.Severity;
import dev.parity.support.Chromium;
import java.awt.image.BufferedImage;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The HTML report as a person sees it: rendered by headless Chromium from a file, and served with
 * the Content Security Policy Jenkins applies to archived HTML; both screenshots must show every
 * state's colour and the timeline. The screenshots stay in target/report-screenshots/.
 */
@Tag("integration")
class ReportScreenshotIntegrationTest {
  /** Jenkins' default for archived artifacts (hudson.model.DirectoryBrowserSupport.CSP). */
  static final String JENKINS_CSP =
      "sandbox; default-src 'none'; img-src 'self'; style-src 'self';";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.now();
  private static final Path OUT = Path.of("target", "report-screenshots").toAbsolutePath();

  private static AssertionResult version(String env, String observed, String declared) {
    boolean ok = observed.equals(declared);
    return new AssertionResult(
        env,
        env + "-db-0",
        "postgresql",
        "version",
        ok,
        declared,
        observed,
        ok ? "postgresql " + observed : "postgresql " + observed + " but " + declared + " declared",
        12);
  }

  private static EnvironmentAssertions env(String name, String observed, String declared) {
    return new EnvironmentAssertions(
        name, NOW.toString(), 40, List.of(version(name, observed, declared)));
  }

  /** The state of the screenshots: in parity, trailing, unreachable, drifted. */
  private static RunReport status() {
    List<EnvironmentAssertions> envs =
        List.of(
            env("local", "16.4", "16.4"),
            env("dev", "16.4", "16.4"),
            env("qa", "16.2", "16.2"),
            env("staging", AssertionResult.UNREACHABLE, "16.2"),
            env("prod", "16.1", "16.2"));
    PatchClock clock = new PatchClock(NOW.minus(Duration.ofDays(6)), 14, NOW);
    Finding trailing =
        new Finding(
            Severity.WARNING,
            "patch-lag",
            "services.postgresql.version",
            new TreeMap<>(Map.of("qa", "16.2", "dev", "16.4", "local", "16.4")),
            "postgresql in qa trails dev, local by 2 patch releases (16.2 vs 16.4), "
                + clock.describe(),
            clock);
    ParityReport parity =
        new ParityReport(
            List.of("local", "dev", "qa", "staging", "prod"),
            new TreeMap<>(),
            new TreeMap<>(),
            List.of(trailing));
    return new RunReport("status", NOW.toString(), envs, parity);
  }

  /** Six days of live checks: 16.4 reaches dev, prod drifts and is repaired, then drifts again. */
  private static List<JsonNode> history() {
    List<JsonNode> records = new ArrayList<>();
    String[][] days = {
      {"16.2", "16.2", "16.2", "16.2", "16.2"},
      {"16.4", "16.4", "16.2", "16.2", "16.2"},
      {"16.4", "16.4", "16.2", "16.2", "16.1"},
      {"16.4", "16.4", "16.2", "16.2", "16.2"},
    };
    String[] names = {"local", "dev", "qa", "staging", "prod"};
    for (int d = 0; d < days.length; d++) {
      List<EnvironmentAssertions> envs = new ArrayList<>();
      for (int e = 0; e < names.length; e++) {
        String declared = names[e].equals("prod") ? "16.2" : days[d][e];
        envs.add(env(names[e], days[d][e], declared));
      }
      ObjectNode record = JSON.createObjectNode();
      record.put("command", "status");
      record.put("started", NOW.minus(Duration.ofDays(6 - d)).toString());
      record.set("results", JSON.valueToTree(new RunReport("status", "", envs, null)));
      records.add(record);
    }
    ObjectNode latest = JSON.createObjectNode();
    latest.put("command", "status");
    latest.put("started", NOW.minus(Duration.ofHours(12)).toString());
    latest.set("results", JSON.valueToTree(status()));
    records.add(latest);
    return records;
  }

  @Test
  void everyStateAndTheTimelineShowUnderJenkinsContentSecurityPolicyAsWithout() throws Exception {
    Files.createDirectories(OUT);
    String html = Html.render(status(), Timeline.fromRecords(history()));
    assertThat(html).doesNotContain("<style").doesNotContain("style=").doesNotContain("<script");
    Path page = OUT.resolve("report.html");
    Files.writeString(page, html);
    // A control page whose only colour comes from an inline style: blocked under the policy, so a
    // screenshot that still shows it would prove the policy was not applied.
    Path control = OUT.resolve("control.html");
    Files.writeString(
        control,
        "<!DOCTYPE html><html><head><style>body{background:#123456}</style></head>"
            + "<body>inline style</body></html>");

    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Path file = OUT.resolve(exchange.getRequestURI().getPath().substring(1));
          byte[] body = Files.readAllBytes(file);
          exchange.getResponseHeaders().add("Content-Security-Policy", JENKINS_CSP);
          exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
      Path withCsp = OUT.resolve("report-jenkins-csp.png");
      Path plain = OUT.resolve("report-file.png");
      Path controlCsp = OUT.resolve("control-jenkins-csp.png");
      Path controlPlain = OUT.resolve("control-file.png");
      Chromium.run(base + "report.html", "--screenshot=" + withCsp, "--window-size=1000,1500");
      Chromium.run(page, "--screenshot=" + plain, "--window-size=1000,1500");
      Chromium.run(base + "control.html", "--screenshot=" + controlCsp, "--window-size=400,300");
      Chromium.run(control, "--screenshot=" + controlPlain, "--window-size=400,300");

      assertThat(pixels(controlPlain, "#123456"))
          .as("the control's style, without CSP")
          .isPositive();
      assertThat(pixels(controlCsp, "#123456")).as("the control's style, under CSP").isZero();

      for (Path shot : List.of(withCsp, plain)) {
        for (ReportMatrix.State state :
            List.of(
                ReportMatrix.State.IN_PARITY,
                ReportMatrix.State.TRAILING,
                ReportMatrix.State.VIOLATION,
                ReportMatrix.State.UNREACHABLE)) {
          assertThat(pixels(shot, state.colour))
              .as(shot.getFileName() + ": " + state.label)
              .isGreaterThan(400);
        }
        assertThat(pixels(shot, Timeline.VERSION_COLOURS.get(0)))
            .as(shot.getFileName() + ": the timeline's oldest version")
            .isGreaterThan(400);
        assertThat(pixels(shot, Timeline.DRIFT_COLOUR)).as("drift markers").isGreaterThan(40);
        assertThat(pixels(shot, Timeline.REPAIR_COLOUR)).as("repair markers").isGreaterThan(40);
      }
    } finally {
      server.stop(0);
    }
    assertThat(html)
        .contains("data-state=\"trailing\"")
        .contains("8 of 14 days left")
        .contains("data-state=\"unreachable\"")
        .contains("data-state=\"violation\"")
        .contains("<details><summary>prod");
  }

  /** How many pixels of the screenshot have exactly this colour. */
  static long pixels(Path png, String hex) throws Exception {
    BufferedImage image = ImageIO.read(png.toFile());
    int rgb = Integer.parseInt(hex.substring(1), 16);
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          n++;
        }
      }
    }
    return n;
  }
}
