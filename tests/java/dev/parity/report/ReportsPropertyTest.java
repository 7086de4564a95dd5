package dev.parity.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.assertion.AssertionResult;
import dev.parity.assertion.EnvironmentAssertions;
import dev.parity.check.Finding;
import dev.parity.check.ParityReport;
import dev.parity.check.Severity;
import dev.parity.workdir.RunRecordContract;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.xml.sax.InputSource;

/**
 * Any record that meets the run record contract renders in every format: the report reads what the
 * contract lets through, so nothing that validates may end in an exception, an unwritable character
 * or invalid XML.
 */
class ReportsPropertyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Text from anywhere: controls, bidi, surrogates alone or paired, XML-forbidden characters. */
  @Provide
  Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings()
            .withChars(
                "<>&\"'|`*_[]\\\u001b\u0007\u202e\u200f\ufffe\uffff\ud800\udc00\n\r\t.0123456789")
            .ofMaxLength(30),
        Arbitraries.of("16.4", "16.04", "16.10", "unreachable", "missing", "", "1.6.18", "x.y"));
  }

  @Provide
  Arbitrary<RunReport> report() {
    Arbitrary<String> name =
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
    Arbitrary<AssertionResult> result =
        Combinators.combine(
                name,
                text(),
                Arbitraries.of("version", "node-count", "ssh"),
                Arbitraries.of(true, false),
                text(),
                text(),
                text())
            .as(
                (node, service, check, passed, expected, observed, message) ->
                    new AssertionResult(
                        "dev",
                        node,
                        service.isEmpty() ? "s" : service,
                        check,
                        passed,
                        expected,
                        observed,
                        message,
                        3));
    Arbitrary<Finding> finding =
        Combinators.combine(Arbitraries.of(Severity.values()), text(), text(), text(), text())
            .as(
                (severity, rule, path, value, message) ->
                    new Finding(
                        severity, rule, path, new TreeMap<>(Map.of("dev", value)), message));
    return Combinators.combine(
            result.list().ofMaxSize(6), finding.list().ofMaxSize(3), Arbitraries.of(true, false))
        .as(
            (results, findings, withParity) ->
                new RunReport(
                    "status",
                    "2026-11-26T08:00:00Z",
                    List.of(new EnvironmentAssertions("dev", "2026-11-26T08:00:00Z", 5, results)),
                    withParity
                        ? new ParityReport(
                            List.of("dev"), new TreeMap<>(), new TreeMap<>(), findings)
                        : null));
  }

  @Property(tries = 300)
  void everyRecordThatValidatesRendersInEveryFormat(@ForAll("report") RunReport report)
      throws Exception {
    ObjectNode record = JSON.createObjectNode();
    record.put("command", "status");
    record.put("started", "2026-11-26T08:00:00Z");
    record.put("exit_code", 0);
    record.set("results", JSON.valueToTree(report));
    var problems = RunRecordContract.problems(record, Instant.parse("2026-11-26T09:00:00Z"));
    Statistics.collect(problems.isEmpty() ? "validates" : "refused");
    Statistics.coverage(
        c -> c.check("validates").percentage(p -> p > 50)); // the property is about these
    if (!problems.isEmpty()) {
      return; // the contract refuses it, naming the key: the report never sees it
    }
    RunReport read = JSON.treeToValue(record.get("results"), RunReport.class);
    Timeline timeline = Timeline.fromRecords(List.of(record));
    var utf8 = StandardCharsets.UTF_8.newEncoder();
    for (String out :
        List.of(
            Html.render(read, timeline),
            Markdown.render(read),
            JUnitXml.render(read),
            AssertionText.render(read, false))) {
      assertThat(utf8.canEncode(out)).isTrue();
      assertThat(out).doesNotContain("\u001b").doesNotContain("\u202e");
    }
    String json =
        JSON.writer()
            .with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
            .writeValueAsString(read);
    assertThat(utf8.canEncode(json)).as("the json format, as report writes it").isTrue();
    assertThat(JSON.readValue(json, RunReport.class)).isEqualTo(read);
    DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new InputSource(new StringReader(JUnitXml.render(read))));
  }
}
