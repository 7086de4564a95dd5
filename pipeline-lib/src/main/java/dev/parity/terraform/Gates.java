package dev.parity.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.error.ParityException;
import dev.parity.vars.EnvironmentSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What must hold before a plan is applied: in a protected environment, nothing is destroyed without
 * approval.
 */
public final class Gates {
  private Gates() {}

  /** Throws naming every delete and replace when a protected environment would lose resources. */
  public static void check(EnvironmentSpec spec, JsonNode summary, boolean allowDestroy) {
    // A gate that cannot decide refuses: an errored plan, or a summary it cannot read.
    if (!summary.path("errored").isBoolean()
        || !summary.path("deletes").isArray()
        || !summary.path("replaces").isArray()) {
      throw new ParityException(
          "the saved plan of "
              + spec.name()
              + " has no summary parity can read; run `parity plan --env "
              + spec.name()
              + "` again");
    }
    if (summary.path("errored").booleanValue()) {
      throw new ParityException(
          "the saved plan of " + spec.name() + " errored; it cannot be applied");
    }
    if (!spec.isProtected() || allowDestroy) {
      return;
    }
    List<String> destroyed = new ArrayList<>();
    summary.path("deletes").forEach(a -> destroyed.add("delete  " + a.asText()));
    summary.path("replaces").forEach(a -> destroyed.add("replace " + a.asText()));
    if (!destroyed.isEmpty()) {
      throw new ParityException(
          spec.name()
              + " is protected and this plan destroys "
              + destroyed.size()
              + " resource(s):\n  "
              + String.join("\n  ", destroyed)
              + "\nReview the plan; to apply it anyway run "
              + "`parity apply --env "
              + spec.name()
              + " --allow-destroy`.");
    }
  }
}
