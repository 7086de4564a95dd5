package dev.parity.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.assertion.AssertionResult;
import dev.parity.assertion.EnvironmentAssertions;
import java.io.StringReader;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class ReportsTest {
  static RunReport sample() {
    return new RunReport(
        "assert",
        "2026-11-26T08:00:00Z",
        List.of(
            new EnvironmentAssertions(
                "dev",
                "2026-11-26T08:00:00.123Z",
                420,
                List.of(
                    new AssertionResult(
                        "dev",
                        "dev-db-0",
                        "postgresql",
                        "version",
                        false,
                        "16.4",
                        "16.2",
                        "dev-db-0 postgresql runs 16.2 but 16.4 is declared",
                        210),
                    new AssertionResult(
                        "dev",
                        "dev-cache-0",
                        "memcached",
                        "version",
                        false,
                        "1.6.18",
                        "unreachable",
                        "dev-cache-0 memcached is unreachable: Connection refused <&\"'>",
                        3),
                    new AssertionResult(
                        "dev",
                        "dev-cache-1",
                        "memcached",
                        "version",
                        true,
                        "1.6.18",
                        "1.6.18",
                        "",
                        4),
                    new AssertionResult(
                        "dev", "db", "nodes", "node-count", true, "1", "1", "", 0))),
            new EnvironmentAssertions(
                "prod",
                "2026-11-26T08:00:01Z",
                100,
                List.of(
                    new AssertionResult(
                        "prod",
                        "prod-db-0",
                        "postgresql",
                        "version",
                        true,
                        "16.4",
                        "16.4",
                        "",
                        100)))),
        null);
  }

  @Test
  void junitXmlIsValidAgainstTheSchemaJenkinsReadsAndCountsRight() throws Exception {
    String xml = JUnitXml.render(sample());
    var schema =
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
            .newSchema(getClass().getResource("/junit/jenkins-junit.xsd"));
    schema.newValidator().validate(new StreamSource(new StringReader(xml)));

    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new InputSource(new StringReader(xml)));
    var suites = doc.getElementsByTagName("testsuite");
    assertThat(suites.getLength()).isEqualTo(2);
    assertThat(suites.item(0).getAttributes().getNamedItem("tests").getNodeValue()).isEqualTo("4");
    assertThat(suites.item(0).getAttributes().getNamedItem("failures").getNodeValue())
        .isEqualTo("2");
    assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(5);
    assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(2);
    assertThat(
            doc.getElementsByTagName("failure")
                .item(1)
                .getAttributes()
                .getNamedItem("type")
                .getNodeValue())
        .isEqualTo("unreachable");
  }

  @Test
  void aRecordedReportReadsBackAsItWasWrittenUnmanageableNodesIncluded() throws Exception {
    RunReport withWarning =
        new RunReport(
            "status",
            "2026-12-02T08:00:00Z",
            List.of(
                new EnvironmentAssertions(
                    "prod",
                    "2026-12-02T08:00:00Z",
                    5,
                    List.of(
                        AssertionResult.unmanageable(
                            "prod", "prod-db-0", "10.0.0.5:22", "connection refused", 2)))),
            null);
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    for (RunReport report : List.of(sample(), withWarning)) {
      String json = mapper.writeValueAsString(report);
      assertThat(json).doesNotContain("\"unmanageable\":");
      assertThat(mapper.readValue(json, RunReport.class)).isEqualTo(report);
    }
  }

  /** A report whose every text is hostile: what a tampered record that still validates holds. */
  static RunReport hostile() {
    String nasty =
        "x\u001b]8;;http://evil\u0007\u202eexe.<script>alert(1)</script>|`*_[a](b)\uffff\ud800";
    return new RunReport(
        "assert" + nasty,
        "2026-11-26T08:00:00Z",
        List.of(
            new EnvironmentAssertions(
                "dev",
                "2026-11-26T08:00:00Z",
                1,
                List.of(
                    new AssertionResult(
                        "dev",
                        "dev-db-0",
                        "tool: " + nasty,
                        "version",
                        false,
                        nasty,
                        nasty,
                        nasty,
                        1)))),
        new dev.parity.check.ParityReport(
            List.of("dev"),
            new java.util.TreeMap<>(),
            new java.util.TreeMap<>(),
            List.of(
                new dev.parity.check.Finding(
                    dev.parity.check.Severity.ERROR,
                    "rule" + nasty,
                    "path" + nasty,
                    new java.util.TreeMap<>(java.util.Map.of("dev", nasty)),
                    nasty))));
  }

  @Test
  void markdownShowsHostileTextLiterallyAsHtmlDoes() {
    String md = Markdown.render(hostile());
    assertThat(md)
        .doesNotContain("\u001b")
        .doesNotContain("\u202e")
        .doesNotContain("<script>")
        .doesNotContain("\uffff")
        .contains(
            "\\\\x1b\\]8;;http://evil\\\\x07\\\\u202eexe.&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("\\|\\`\\*\\_\\[a\\](b)\\\\uffff\\\\ud800");
    // every table row still has its two cells: no '|' from a record opened a third
    md.lines()
        .filter(l -> l.startsWith("| tool"))
        .forEach(
            l ->
                assertThat(l.replace("\\|", "").chars().filter(c -> c == '|').count())
                    .isEqualTo(3));
  }

  @Test
  void everyReportOfHostileTextIsWritableAndTheJUnitFileIsValidXml() throws Exception {
    RunReport report = hostile();
    String xml = JUnitXml.render(report);
    var schema =
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
            .newSchema(getClass().getResource("/junit/jenkins-junit.xsd"));
    schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    assertThat(xml).doesNotContain("<script>").doesNotContain("\uffff");
    var utf8 = java.nio.charset.StandardCharsets.UTF_8.newEncoder();
    for (String text :
        List.of(
            xml,
            Markdown.render(report),
            Html.render(report),
            AssertionText.render(report, false))) {
      assertThat(utf8.canEncode(text)).as("no lone surrogate left to stop the write").isTrue();
      assertThat(text).doesNotContain("\u001b]8").doesNotContain("\u202e");
    }
  }

  @Test
  void markdownShowsTheMatrixAndEachFailure() {
    String md = Markdown.render(sample());
    assertThat(md)
        .contains("| service | dev | prod |")
        .contains("| postgresql | 16.2 ✗ (16.4 declared) (violation) | 16.4 |")
        .contains(":x: **dev** dev-db-0 postgresql runs 16.2 but 16.4 is declared");
  }

  @Test
  void htmlIsSelfContainedAndEscapesWhatItShows() {
    String html = Html.render(sample());
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("id=\"matrix\">")
        .contains("<td bgcolor=\"#ef9a9a\" data-state=\"violation\">16.2 ✗ (16.4 declared)</td>")
        .contains("<td bgcolor=\"#c8e6c9\" data-state=\"in_parity\">16.4</td>")
        .doesNotContain("<style")
        .doesNotContain("style=")
        .contains("Connection refused &lt;&amp;&quot;&#39;&gt;")
        .doesNotContain("<script")
        .doesNotContain("http://")
        .doesNotContain("https://");
  }

  @Test
  void consoleTextUsesColourOnlyWhenAsked() {
    assertThat(AssertionText.render(sample(), false))
        .doesNotContain("\u001b[")
        .contains("FAIL  dev  dev-db-0 postgresql runs 16.2 but 16.4 is declared")
        .contains("FAIL  dev: 2 of 4 assertions passed in 420 ms")
        .contains("PASS  prod");
    assertThat(AssertionText.render(sample(), true)).contains("\u001b[31mFAIL\u001b[0m");
  }

  @Test
  void markdownAndJUnitCarryTheTrailingVerdictAsText() {
    var clock =
        new dev.parity.check.PatchClock(
            java.time.Instant.parse("2026-11-20T10:00:00Z"),
            14,
            java.time.Instant.parse("2026-11-26T12:00:00Z"));
    var trailing =
        new dev.parity.check.Finding(
            dev.parity.check.Severity.WARNING,
            "patch-lag",
            "services.postgresql.version",
            new java.util.TreeMap<>(java.util.Map.of("dev", "16.2", "prod", "16.4")),
            "postgresql in dev trails prod by 2 patch releases (16.2 vs 16.4), " + clock.describe(),
            clock);
    RunReport base = sample();
    RunReport report =
        new RunReport(
            "status",
            base.generated(),
            List.of(
                base.environments().get(1),
                new EnvironmentAssertions(
                    "dev",
                    base.generated(),
                    1,
                    List.of(
                        new AssertionResult(
                            "dev",
                            "dev-db-0",
                            "postgresql",
                            "version",
                            true,
                            "16.2",
                            "16.2",
                            "",
                            1)))),
            new dev.parity.check.ParityReport(
                List.of("dev", "prod"),
                new java.util.TreeMap<>(),
                new java.util.TreeMap<>(),
                List.of(trailing)));
    assertThat(Markdown.render(report))
        .contains("| postgresql | 16.2 (trailing within the window, 8 of 14 days left) | 16.4 |")
        .contains("since 2026-11-20, 6 of 14 days, closes 2026-12-04");
    assertThat(JUnitXml.render(report))
        .contains("<testsuite name=\"parity.findings\" tests=\"1\" failures=\"0\">")
        .contains("warning: postgresql in dev trails prod");
  }
}
