package dev.parity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.error.ParityException;
import dev.parity.report.Html;
import dev.parity.report.JUnitXml;
import dev.parity.report.Markdown;
import dev.parity.report.RunReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Renders the latest assert or status run of the store (the work dir's, or the team's"
            + " shared one): html, md, json or junit.")
final class ReportCommand implements Callable<Integer> {
  enum Format {
    html,
    md,
    json,
    junit
  }

  private final Context context;

  @Option(names = "--format", required = true, description = "html, md, json or junit.")
  Format format;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write it.")
  Path out;

  @Mixin VarsOptions vars;

  ReportCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    AssertCommand.requireRegularTarget(out);
    var set = vars.load(context);
    var expected = dev.parity.report.ExpectedDrifts.of(set.environments().values());
    dev.parity.store.Store store = vars.store(context);
    // From the store: with a shared one, the team's latest check and every agent's history.
    List<JsonNode> checks = store.liveChecks(dev.parity.report.Timeline.windowStart());
    JsonNode record =
        checks.stream()
            .filter(r -> Set.of("assert", "status").contains(r.path("command").asText()))
            .reduce((older, newer) -> newer)
            .orElseThrow(
                () ->
                    new ParityException(
                        "no assert or status run recorded in "
                            + store.where()
                            + " in the last "
                            + dev.parity.report.Timeline.WINDOW.toDays()
                            + " days"
                            + ": run `parity status` or `parity assert --env E` first"));
    RunReport report;
    try {
      report = Json.mapper().treeToValue(record.path("results"), RunReport.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // the record met the contract, so this is parity's own gap: say which record, not Jackson's
      throw new ParityException(
          "the "
              + record.path("command").asText()
              + " run of "
              + record.path("started").asText()
              + " in "
              + store.where()
              + " cannot be read back into a report: "
              + e.getOriginalMessage());
    }
    String text =
        switch (format) {
          case html ->
              Html.render(
                  report, dev.parity.report.Timeline.fromRecords(checks, expected), expected);
          case md -> Markdown.render(report, expected);
          // non-ASCII escaped: a lone surrogate from a record stays writable JSON
          case json ->
              Json.mapper()
                      .writer()
                      .with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
                      .writeValueAsString(report)
                  + "\n";
          case junit -> JUnitXml.render(report);
        };
    AssertCommand.write(out, text);
    context
        .out()
        .println(
            "wrote "
                + out
                + " ("
                + format
                + ", from the "
                + record.path("command").asText()
                + " run of "
                + record.path("started").asText()
                + ")");
    context.out().flush();
    return ExitCode.OK;
  }
}
