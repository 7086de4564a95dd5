package dev.parity.cli;

import dev.parity.vars.JsonSchemaExport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description =
        "Prints the JSON Schema of the variable files (the one shipped in schema/parity-v1.schema.json).")
final class SchemaCommand implements Callable<Integer> {
  private final Context context;

  SchemaCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context.out().print(JsonSchemaExport.render());
    context.out().flush();
    return ExitCode.OK;
  }
}
