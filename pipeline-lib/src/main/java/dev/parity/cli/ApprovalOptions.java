package dev.parity.cli;

import dev.parity.change.Approval;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --auto-approve}, {@code --approved SHA256} and {@code --approved-by NAME}: what every
 * command that changes an environment hands the gate. A protected environment changes only with one
 * of the first two; the third names the person in the run record.
 */
final class ApprovalOptions {
  @Option(
      names = "--auto-approve",
      description = "Change a protected environment without an approved change set (local stacks).")
  boolean autoApprove;

  @Option(
      names = {"--approved", "--approved-plan"},
      paramLabel = "SHA256",
      description =
          "Change a protected environment only if the change set computed now has this sha256 (as"
              + " printed by plan, or by a refusal): what a person approved, nothing else.")
  String approved;

  @Option(
      names = "--approved-by",
      paramLabel = "NAME",
      description = "Who approved (Jenkins' submitter), kept in the run record.")
  String approvedBy;

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  /** The approval given, recorded with the run; a malformed one is a usage error. */
  Approval approval(Context context) {
    if (autoApprove && approved != null) {
      throw new ParameterException(
          spec.commandLine(), "--auto-approve and --approved exclude each other");
    }
    if (approved != null && !approved.matches("[0-9a-f]{64}")) {
      throw new ParameterException(
          spec.commandLine(), "--approved: not a sha256 (64 lower-case hex digits)");
    }
    if (approvedBy != null
        && (approvedBy.isBlank()
            || approvedBy.length() > 200
            || approvedBy.matches(".*\\p{Cntrl}.*"))) {
      throw new ParameterException(
          spec.commandLine(), "--approved-by: a name, without control characters");
    }
    Approval a =
        autoApprove ? Approval.ANY : approved != null ? Approval.of(approved) : Approval.NONE;
    a = a.by(approvedBy);
    context.recorder().approval(a, null);
    return a;
  }
}
