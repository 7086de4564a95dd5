package dev.parity.vars;

import static dev.parity.vars.VarSchema.defaultFlag;
import static dev.parity.vars.VarSchema.defaultInt;
import static dev.parity.vars.VarSchema.defaultText;
import static dev.parity.vars.YamlValues.flag;
import static dev.parity.vars.YamlValues.flatten;
import static dev.parity.vars.YamlValues.longOr;
import static dev.parity.vars.YamlValues.map;
import static dev.parity.vars.YamlValues.number;
import static dev.parity.vars.YamlValues.optionalMap;
import static dev.parity.vars.YamlValues.text;
import static dev.parity.vars.YamlValues.textOr;

import dev.parity.secret.SecretRef;
import dev.parity.vars.EnvironmentSpec.AnsibleSettings;
import dev.parity.vars.EnvironmentSpec.NodeAccess;
import dev.parity.vars.EnvironmentSpec.TerraformSettings;
import dev.parity.vars.YamlNode.Entry;
import dev.parity.vars.YamlNode.Scalar;
import dev.parity.vars.YamlNode.YamlMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Binds one environment's merged tree (common.yml under its own file, validated) into its spec: a
 * pipeline of the section binders, each adding what it finds to the one problems collector.
 */
final class EnvironmentBinder {
  private final Problems problems;
  private final SecretBinder secretBinder;
  private final ServiceBinder serviceBinder;
  private final ToolBinder toolBinder;
  private final AccessBinder accessBinder;

  /** common.yml's store, or null: where state lives unless the environment says. */
  private final StoreSettings store;

  EnvironmentBinder(Problems problems, SecretBinder secrets, StoreSettings store) {
    this.problems = problems;
    this.secretBinder = secrets;
    this.serviceBinder = new ServiceBinder(problems);
    this.toolBinder = new ToolBinder(problems);
    this.accessBinder = new AccessBinder(problems);
    this.store = store;
  }

  /**
   * Builds the spec from a merged tree that passed the schema; adds problems for what spans keys.
   */
  Optional<EnvironmentSpec> build(
      String name, Path file, YamlMap m, Path dir, List<ExpectedDrift> expectedDrift) {
    int before = problems.size();
    // environment is checked against the environment's own file (checkEnvironmentKey)
    for (String key : Shape.requiredKeys(VarSchema.ROOT, Shape.Scope.ENVIRONMENT_ONLY)) {
      if (m.get(key) == null) {
        problems.add(
            new VarProblem(
                m.position(),
                key,
                "missing (required in common.yml or " + file.getFileName() + ")"));
      }
    }
    RequiredKeys.check(m, VarSchema.ROOT, problems.list());
    if (problems.size() > before) {
      return Optional.empty();
    }
    SortedMap<String, Integer> topology = new TreeMap<>();
    map(m, "topology").entries().forEach((k, e) -> topology.put(k, (int) number(e.value())));

    SortedMap<String, ServiceSpec> services = new TreeMap<>();
    YamlMap servicesMap = map(m, "services");
    if (servicesMap.entries().isEmpty()) {
      problems.add(new VarProblem(servicesMap.position(), "services", "declares no service"));
    }
    for (Entry e : servicesMap.entries().values()) {
      serviceBinder.service(e, topology).ifPresent(s -> services.put(s.name(), s));
    }

    SortedMap<String, Map<String, Long>> sizing = new TreeMap<>();
    YamlMap sizingMap = optionalMap(m, "sizing");
    if (sizingMap != null) {
      sizingMap
          .entries()
          .forEach(
              (role, e) -> {
                Map<String, Long> sizes = new TreeMap<>();
                ((YamlMap) e.value()).entries().forEach((k, v) -> sizes.put(k, number(v.value())));
                sizing.put(role, sizes);
              });
    }

    SortedMap<String, SecretRef> secrets = new TreeMap<>();
    YamlMap secretsMap = optionalMap(m, "secrets");
    if (secretsMap != null) {
      // References only: values are read by the command that uses them (validate and check read
      // none), so an unset Jenkins credential is one error there, not one per environment here.
      for (Entry e : secretsMap.entries().values()) {
        secrets.put(e.key(), secretBinder.secretRef(e.key(), (YamlMap) e.value(), dir));
      }
    }

    YamlMap network = optionalMap(m, "network");
    int portOffset = (int) longOr(network, "port_offset", defaultInt("network.port_offset"));
    String bind = textOr(network, "bind_address", defaultText("network.bind_address"));
    NodeAccess access = accessBinder.access(network, optionalMap(m, "ssh"), secrets);
    for (ServiceSpec s : services.values()) {
      if (s.replication() != null
          && s.replication().passwordSecret() != null
          && !secrets.containsKey(s.replication().passwordSecret())) {
        problems.add(
            new VarProblem(
                s.replication().position(),
                "services." + s.name() + ".replication.password_secret",
                "names no secret; declare secrets." + s.replication().passwordSecret()));
      }
    }

    YamlMap tf = optionalMap(m, "terraform");
    TerraformSettings terraform =
        new TerraformSettings(
            textOr(tf, "module", defaultText("terraform.module")),
            textOr(tf, "backend", defaultBackend()),
            textOr(tf, "conn_str_secret", null),
            textOr(tf, "schema_name", defaultStateSchema(name)),
            (int) longOr(tf, "timeout_minutes", defaultInt("terraform.timeout_minutes")));
    if (terraform.backend().equals("store") && store == null) {
      problems.add(
          new VarProblem(
              tf.get("backend").position(),
              "terraform.backend",
              "store needs the shared store: configure store in common.yml"));
    }
    if (terraform.backend().equals("pg")) {
      if (terraform.connStrSecret() == null) {
        problems.add(
            new VarProblem(
                tf.position(),
                "terraform.conn_str_secret",
                "the pg backend needs conn_str_secret: the name of a secret holding the connection string"));
      } else if (dev.parity.text.Names.NAME.matcher(terraform.connStrSecret()).matches()
          && !secrets.containsKey(terraform.connStrSecret())) {
        problems.add(
            new VarProblem(
                tf.get("conn_str_secret").position(),
                "terraform.conn_str_secret",
                "names no secret; declare secrets." + terraform.connStrSecret()));
      }
    }
    YamlMap an = optionalMap(m, "ansible");
    AnsibleSettings d = AnsibleSettings.DEFAULTS;
    AnsibleSettings ansible =
        new AnsibleSettings(
            (int) longOr(an, "forks", d.forks()),
            (int) longOr(an, "timeout_minutes", d.timeoutMinutes()));

    boolean isProtected = flag(m.get("protected"), defaultFlag("protected"));
    SortedMap<String, Scalar> leaves = new TreeMap<>();
    flatten(m, "", leaves);
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new EnvironmentSpec(
            name,
            file,
            text(m.get("project")),
            isProtected,
            services,
            topology,
            sizing,
            portOffset,
            bind,
            terraform,
            ansible,
            secrets,
            leaves,
            access,
            toolBinder.tools(m, topology),
            expectedDrift));
  }

  /** Where state lives unless the environment says: the shared store when there is one. */
  private String defaultBackend() {
    return store == null ? "local" : "store";
  }

  private String defaultStateSchema(String environment) {
    return store == null
        ? "parity_" + environment.replace('-', '_')
        : store.stateSchema(environment);
  }
}
