package dev.parity.vars;

import static dev.parity.vars.YamlValues.optionalMap;
import static dev.parity.vars.YamlValues.text;

import dev.parity.vars.YamlNode.YamlList;
import dev.parity.vars.YamlNode.YamlMap;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Binds {@code parity.expected_drift} for one environment: common.yml's entries for every
 * environment (or those each names), then the environment file's own. The two lists add up; the
 * deep merge that replaces lists does not apply here, so an environment's entry never hides a
 * shared one. Runs on files that passed the schema.
 */
final class ExpectedDriftBinder {
  private static final String KEY = "parity.expected_drift";
  private final Problems problems;

  /** common.yml's entries are bound once per environment: each problem is reported once. */
  private final java.util.Set<VarProblem> reported = new java.util.HashSet<>();

  ExpectedDriftBinder(Problems problems) {
    this.problems = problems;
  }

  private void problem(VarProblem p) {
    if (reported.add(p)) {
      problems.add(p);
    }
  }

  /**
   * @param environments every environment that has a file, to check the names an entry gives
   */
  List<ExpectedDrift> entries(
      YamlMap common, YamlMap own, String environment, Collection<String> environments) {
    List<ExpectedDrift> all = new ArrayList<>();
    read(common, true, environment, environments, all);
    read(own, false, environment, environments, all);
    return List.copyOf(all);
  }

  private void read(
      YamlMap file,
      boolean common,
      String environment,
      Collection<String> environments,
      List<ExpectedDrift> into) {
    YamlMap parity = optionalMap(file, "parity");
    if (parity == null || !(parity.get("expected_drift") instanceof YamlList list)) {
      return;
    }
    for (int i = 0; i < list.items().size(); i++) {
      if (!(list.items().get(i) instanceof YamlMap entry)) {
        continue; // the schema said so already
      }
      String at = KEY + "[" + i + "]";
      if (!appliesTo(entry, common, environment, environments, at)) {
        continue;
      }
      ExpectedDrift bound = bind(entry, at);
      if (bound != null) {
        into.add(bound);
      }
    }
  }

  private boolean appliesTo(
      YamlMap entry,
      boolean common,
      String environment,
      Collection<String> environments,
      String at) {
    if (!(entry.get("environments") instanceof YamlList named)) {
      return true;
    }
    if (!common) {
      problem(
          new VarProblem(
              named.position(),
              at + ".environments",
              "an entry in an environment's file applies to that environment: environments goes"
                  + " in common.yml"));
      return false;
    }
    boolean applies = false;
    for (YamlNode item : named.items()) {
      String name = text(item);
      if (!environments.contains(name)) {
        problem(
            VarProblem.noSuchEnvironment(
                item.position(), at + ".environments", name, environments));
      }
      applies |= name.equals(environment);
    }
    return applies;
  }

  private ExpectedDrift bind(YamlMap entry, String at) {
    String reason = text(entry.get("reason")).strip();
    String owner = text(entry.get("owner")).strip();
    for (String key : List.of("reason", "owner")) {
      if (text(entry.get(key)).isBlank()) {
        problem(new VarProblem(entry.get(key).position(), at + "." + key, "must not be empty"));
        return null;
      }
    }
    LocalDate expires = LocalDate.parse(text(entry.get("expires")));
    if (entry.get("terraform") != null) {
      String glob = text(entry.get("terraform"));
      if (glob.isBlank() || glob.chars().anyMatch(Character::isWhitespace) || !glob.contains(".")) {
        problem(
            new VarProblem(
                entry.get("terraform").position(),
                at + ".terraform",
                "must be a resource address and attribute path without spaces,"
                    + " 'aws_db_instance.main.engine_version'"));
        return null;
      }
      return new ExpectedDrift(
          ExpectedDrift.Kind.TERRAFORM,
          glob,
          null,
          null,
          null,
          reason,
          owner,
          expires,
          entry.position());
    }
    if (entry.get("configuration") instanceof YamlMap task) {
      return new ExpectedDrift(
          ExpectedDrift.Kind.CONFIGURATION,
          text(task.get("host")),
          text(task.get("task")),
          null,
          null,
          reason,
          owner,
          expires,
          entry.position());
    }
    YamlMap version = (YamlMap) entry.get("version");
    String from = version.get("from") == null ? null : text(version.get("from"));
    String to = version.get("to") == null ? null : text(version.get("to"));
    if (from != null && to != null && ExpectedDrift.compare(from, to) > 0) {
      problem(
          new VarProblem(
              version.get("to").position(),
              at + ".version.to",
              "is lower than from (" + from + "): the range holds no version"));
      return null;
    }
    return new ExpectedDrift(
        ExpectedDrift.Kind.VERSION,
        text(version.get("service")),
        null,
        from,
        to,
        reason,
        owner,
        expires,
        entry.position());
  }
}
