package dev.parity.cli;

import dev.parity.terraform.PlanSummarizer;
import dev.parity.terraform.PlanSummary;
import dev.parity.terraform.PlanSummaryText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "summarize-plan",
    mixinStandardHelpOptions = true,
    description =
        "Summarises any `show -json` plan document: counts per action and resource type, deletes, "
            + "replaces, output changes, drift. Never prints attribute values. Exit 0 no changes, 2 changes.")
final class SummarizePlanCommand implements Callable<Integer> {
  enum Format {
    text,
    json
  }

  private final Context context;

  @Parameters(
      paramLabel = "FILE",
      description = "The output of `tofu show -json PLANFILE` (or terraform's).")
  Path file;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  SummarizePlanCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (!Files.isRegularFile(file)) {
      throw new UserException(file + ": no such file");
    }
    PlanSummary summary;
    try {
      summary = PlanSummarizer.summarize(file);
    } catch (IOException e) {
      throw new UserException(
          file + ": not a readable show -json plan: " + firstLine(e.getMessage()));
    }
    context
        .out()
        .print(
            format == Format.json
                ? PlanSummaryText.json(summary)
                : PlanSummaryText.text("Plan " + file.getFileName(), summary));
    context.out().flush();
    if (summary.errored()) {
      throw new UserException(file + ": the plan errored; it cannot be applied");
    }
    return summary.hasChanges() ? ExitCode.DIFFERENCES : ExitCode.OK;
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
