package dev.parity.cli;

import dev.parity.ansible.Configuration;
import dev.parity.ansible.PlayResults;
import dev.parity.change.Gate;
import dev.parity.pipeline.ChangeSets;
import dev.parity.vars.EnvironmentSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "configure",
    mixinStandardHelpOptions = true,
    description =
        "Runs the playbooks against the environment's nodes (a protected one: only with its change set"
            + " approved, or --auto-approve). Exit 0 done (with --check: nothing would "
            + "change), 2 with --check when something would change (the drift is listed per host and task), 1 on "
            + "failure (the failed or unreachable hosts and tasks named).")
final class ConfigureCommand implements Callable<Integer> {
  private final Context context;

  @Mixin VarsOptions vars;

  @Mixin EnvironmentMixin environment;

  @Option(
      names = "--check",
      description = "Change nothing; report what would change (Ansible check mode, diff).")
  boolean check;

  @Mixin ApprovalOptions approval;

  @Option(
      names = "--limit",
      paramLabel = "HOSTS",
      description = "Only these hosts (Ansible's --limit pattern).")
  String limit;

  ConfigureCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    EnvironmentSpec env = environment.load(context, vars).spec();
    var given = approval.approval(context);
    Configuration.Outcome outcome;
    try (var lease =
        vars.store(context).lock(env.name(), check ? "configure --check" : "configure")) {
      if (!check) {
        // The environment's one change set (the plan's part included), so that the sha256 plan
        // printed approves this command too; the engine is resolved only when it is needed.
        Gate.pass(
            "configure --env " + env.name(),
            env.isProtected(),
            given,
            () -> {
              var stack = PipelineCommands.stack(context, vars);
              return new ChangeSets(stack)
                  .deploy(env, stack.infrastructure().plan(env, lease), lease);
            });
      }
      outcome = PipelineCommands.configuration(context, vars).configure(env, check, limit, lease);
    }
    for (PlayResults.TaskResult t : outcome.results().changed()) {
      context.out().println((check ? "would change  " : "changed  ") + t.host() + ": " + t.task());
    }
    outcome
        .results()
        .stats()
        .forEach(
            (host, s) ->
                context
                    .out()
                    .println(
                        String.format(
                            "%-24s ok=%d changed=%d failed=%d unreachable=%d skipped=%d",
                            host,
                            s.ok(),
                            s.changed(),
                            s.failures(),
                            s.unreachable(),
                            s.skipped())));
    if (check) {
      context
          .out()
          .println(
              outcome.changed()
                  ? "Configuration drift in "
                      + environment.name
                      + ": run `parity configure "
                      + "--env "
                      + environment.name
                      + "` to put it back."
                  : "No configuration drift in " + environment.name + ".");
    }
    context.out().flush();
    return check && outcome.changed() ? ExitCode.DIFFERENCES : ExitCode.OK;
  }
}
