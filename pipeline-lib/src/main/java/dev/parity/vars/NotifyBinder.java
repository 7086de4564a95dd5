package dev.parity.vars;

import static dev.parity.vars.YamlValues.optionalMap;
import static dev.parity.vars.YamlValues.text;

import dev.parity.vars.YamlNode.Entry;
import dev.parity.vars.YamlNode.YamlList;
import dev.parity.vars.YamlNode.YamlMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Binds common.yml's notify section: the webhook targets, each URL a secret reference. */
final class NotifyBinder {
  private final Problems problems;
  private final SecretBinder secrets;

  NotifyBinder(Problems problems, SecretBinder secrets) {
    this.problems = problems;
    this.secrets = secrets;
  }

  /**
   * @param environments every environment that has a file, to check the names a target gives
   */
  List<NotifyTarget> targets(YamlMap common, Path dir, Collection<String> environments) {
    YamlMap notify = optionalMap(common, "notify");
    if (notify == null) {
      return List.of();
    }
    List<NotifyTarget> targets = new ArrayList<>();
    for (Entry e : notify.entries().values()) {
      if (!(e.value() instanceof YamlMap target) || !(target.get("url") instanceof YamlMap url)) {
        continue; // the schema said so already
      }
      List<String> named = new ArrayList<>();
      if (target.get("environments") instanceof YamlList list) {
        for (YamlNode item : list.items()) {
          String name = text(item);
          named.add(name);
          if (!environments.contains(name)) {
            problems.add(
                VarProblem.noSuchEnvironment(
                    item.position(), "notify." + e.key() + ".environments", name, environments));
          }
        }
      }
      targets.add(
          new NotifyTarget(
              e.key(),
              secrets.secretRef("notify " + e.key() + " url", url, dir),
              text(target.get("format")),
              named));
    }
    return List.copyOf(targets);
  }
}
