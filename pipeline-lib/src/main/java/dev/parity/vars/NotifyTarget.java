package dev.parity.vars;

import dev.parity.secret.SecretRef;
import java.util.List;

/**
 * A webhook parity tells about changes of an environment's verdict (common.yml {@code notify}).
 *
 * @param name the target's name, for messages ("ops-room"); the URL is never shown
 * @param url the secret holding the webhook URL
 * @param format "slack" or "json"
 * @param environments those it hears about; empty for every one (the rule is {@code
 *     Notifications.Target#hearsAbout})
 */
public record NotifyTarget(String name, SecretRef url, String format, List<String> environments) {
  public NotifyTarget {
    environments = List.copyOf(environments);
  }
}
