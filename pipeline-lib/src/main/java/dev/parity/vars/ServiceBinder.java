package dev.parity.vars;

import static dev.parity.vars.YamlValues.number;
import static dev.parity.vars.YamlValues.optionalMap;
import static dev.parity.vars.YamlValues.text;
import static dev.parity.vars.YamlValues.textOr;

import dev.parity.vars.YamlNode.Entry;
import dev.parity.vars.YamlNode.Scalar;
import dev.parity.vars.YamlNode.YamlList;
import dev.parity.vars.YamlNode.YamlMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Binds one service of the services section, its settings checked against its kind. */
final class ServiceBinder {
  private final Problems problems;

  ServiceBinder(Problems problems) {
    this.problems = problems;
  }

  Optional<ServiceSpec> service(Entry e, Map<String, Integer> topology) {
    YamlMap s = (YamlMap) e.value();
    String path = "services." + e.key();
    String role = text(s.get("role"));
    if (!topology.containsKey(role)) {
      problems.add(
          new VarProblem(
              s.get("role").position(),
              path + ".role",
              "role '" + role + "' has no entry in topology (add topology." + role + ": <nodes>)"));
    }
    Map<String, String> settings = new TreeMap<>();
    YamlMap settingsMap = optionalMap(s, "settings");
    if (settingsMap != null) {
      settingsMap.entries().forEach((k, v) -> settings.put(k, text(v.value())));
      ServiceKind.of(e.key())
          .filter(kind -> !kind.anySetting())
          .ifPresent(kind -> checkSettings(kind, settingsMap, path + ".settings"));
    }
    ServiceSpec.ProbeSpec probe = null;
    YamlMap p = optionalMap(s, "probe");
    if (p != null) {
      List<String> command =
          p.get("command") instanceof YamlList l
              ? l.items().stream().map(YamlValues::text).toList()
              : List.of();
      probe =
          new ServiceSpec.ProbeSpec(
              textOr(p, "type", null),
              textOr(p, "url", null),
              textOr(p, "json_pointer", null),
              textOr(p, "regex", null),
              command,
              p.get("timeout_ms") == null ? null : (int) number(p.get("timeout_ms")));
    }
    YamlMap i = optionalMap(s, "install");
    ServiceSpec.Install install =
        i == null || i.get("package") == null
            ? null
            : new ServiceSpec.Install(
                text(i.get("package")), textOr(i, "repository", null), textOr(i, "bin_dir", null));
    return Optional.of(
        new ServiceSpec(
            e.key(),
            text(s.get("version")),
            role,
            (int) number(s.get("port")),
            settings,
            probe,
            install,
            s.get("version").position(),
            replication(e.key(), optionalMap(s, "replication"), path)));
  }

  private ServiceSpec.Replication replication(String service, YamlMap r, String path) {
    if (r == null) {
      return null;
    }
    if (!service.equals("postgresql")) {
      problems.add(
          new VarProblem(
              r.position(),
              path + ".replication",
              "only postgresql replicates; " + service + " nodes are independent servers"));
      return null;
    }
    String mode = textOr(r, "mode", ServiceSpec.Replication.NONE);
    String secret = textOr(r, "password_secret", null);
    if (mode.equals(ServiceSpec.Replication.STREAMING) && secret == null) {
      problems.add(
          new VarProblem(
              r.position(),
              path + ".replication.password_secret",
              "missing: streaming needs the secret holding the replication role's password"
                  + " (password_secret: <name>, declared under secrets)"));
    }
    return new ServiceSpec.Replication(
        mode,
        r.get("max_lag_bytes") == null
            ? VarSchema.defaultLong("services.*.replication.max_lag_bytes")
            : number(r.get("max_lag_bytes")),
        secret,
        r.get("password_secret") == null ? r.position() : r.get("password_secret").position());
  }

  /** A kind with a closed list of settings: each setting one it has, with a value of its type. */
  private void checkSettings(ServiceKind kind, YamlMap settings, String path) {
    for (Entry setting : settings.entries().values()) {
      Shape.LeafType type = kind.settings().get(setting.key());
      if (type == null) {
        String known = String.join(", ", new java.util.TreeSet<>(kind.settings().keySet()));
        String closest =
            kind.settings().keySet().stream()
                .min(
                    java.util.Comparator.comparingInt(
                        k -> SchemaValidator.distance(setting.key(), k)))
                .filter(k -> SchemaValidator.distance(setting.key(), k) <= 2)
                .map(k -> "; did you mean '" + k + "'?")
                .orElse("");
        problems.add(
            new VarProblem(
                setting.keyPosition(),
                path + "." + setting.key(),
                kind.name()
                    + " has no setting '"
                    + setting.key()
                    + "'"
                    + closest
                    + " (its settings: "
                    + known
                    + ")"));
      } else if (type == Shape.LeafType.INTEGER
          && !(setting.value() instanceof Scalar v && v.type() == YamlNode.ScalarType.INT)) {
        problems.add(
            new VarProblem(
                setting.value().position(),
                path + "." + setting.key(),
                "must be a whole number, not " + setting.value().kind()));
      }
    }
  }
}
