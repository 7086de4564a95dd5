package dev.parity.change;

import dev.parity.error.ParityException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one gate every command that changes an environment passes before its first change. An
 * unprotected environment proceeds; a protected one proceeds when nothing would change, with {@code
 * --auto-approve}, or with an approval equal to the SHA-256 of the change set computed now.
 * Anything else refuses (exit 1), showing the change set and its SHA-256.
 */
public final class Gate {
  private Gate() {}

  /**
   * Decides for one command.
   *
   * @param command the command, for messages ("deploy", "down")
   * @param isProtected whether the environment is protected
   * @param approval what was approved
   * @param changes computes the change set; called only when the decision needs it
   * @return the change set when it was computed (a protected environment without --auto-approve),
   *     else empty
   */
  public static <T extends Approvable> Optional<T> pass(
      String command, boolean isProtected, Approval approval, Supplier<T> changes) {
    if (!isProtected || approval.any()) {
      return Optional.empty();
    }
    T set = changes.get();
    if (set.isEmpty()) {
      return Optional.of(set);
    }
    String env = set.subject();
    if (approval.sha256() == null) {
      throw new Refused(
          env
              + " is protected and `parity "
              + command
              + "` would change it; nothing was changed.\n"
              + set.text()
              + "Review it, then run the command again with --approved "
              + set.sha256()
              + " (or approve it in Jenkins: parityApprove)");
    }
    if (!approval.sha256().equals(set.sha256())) {
      throw new Refused(
          "the change set of "
              + env
              + " is not the one approved (approved "
              + approval.sha256()
              + ", computed now "
              + set.sha256()
              + "): the state, the variable set or the module changed since; nothing was changed."
              + "\n"
              + set.text()
              + "Review it and approve this one.");
    }
    return Optional.of(set);
  }

  /** A refusal at the gate: exit 1, nothing changed. */
  public static final class Refused extends ParityException {
    public Refused(String message) {
      super(message);
    }
  }
}
