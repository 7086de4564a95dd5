package dev.parity.vars;

import static dev.parity.vars.VarSchema.defaultFlag;
import static dev.parity.vars.VarSchema.defaultInt;
import static dev.parity.vars.VarSchema.defaultText;

import dev.parity.secret.SecretRef;
import dev.parity.vars.EnvironmentSpec.AnsibleSettings;
import dev.parity.vars.EnvironmentSpec.Bastion;
import dev.parity.vars.EnvironmentSpec.NodeAccess;
import dev.parity.vars.EnvironmentSpec.Ssh;
import dev.parity.vars.EnvironmentSpec.TerraformSettings;
import dev.parity.vars.YamlNode.Entry;
import dev.parity.vars.YamlNode.Scalar;
import dev.parity.vars.YamlNode.YamlList;
import dev.parity.vars.YamlNode.YamlMap;
import dev.parity.workdir.EnvironmentName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads a vars directory: {@code common.yml} plus one {@code <environment>.yml} per environment.
 * Parses every file, validates each against the schema, merges, checks what spans files, and
 * returns every problem at once.
 */
public final class VarSetLoader {
  public static final String COMMON = "common.yml";

  private final List<VarProblem> problems = new ArrayList<>();
  private StoreSettings store;

  public VarSet load(Path dir) {
    problems.clear();
    store = null;
    Path commonFile = dir.resolve(COMMON);
    if (!Files.isDirectory(dir)) {
      problems.add(new VarProblem(Position.startOf(dir), "", "vars directory does not exist"));
      return result(dir, ParityPolicy.strict(), new TreeMap<>());
    }
    if (!Files.exists(commonFile)) {
      problems.add(
          new VarProblem(
              Position.startOf(commonFile),
              "",
              "missing: every variable set starts from common.yml (shared keys and the parity policy)"));
    }
    Optional<YamlMap> common =
        Files.exists(commonFile) ? YamlReader.read(commonFile, problems) : Optional.empty();
    common.ifPresent(c -> SchemaValidator.validate(c, true, problems));
    // Nothing is built from a common.yml with problems: every environment merges it, and code that
    // builds specs assumes validated values (its problems are reported once, here).
    boolean commonValid = problems.isEmpty();
    common.filter(c -> commonValid).ifPresent(c -> store = store(c, dir));

    List<Path> envFiles = environmentFiles(dir);
    if (envFiles.isEmpty()) {
      problems.add(
          new VarProblem(
              Position.startOf(dir.resolve("<environment>.yml")),
              "",
              "no environment files: add one <environment>.yml per environment beside common.yml"));
    }
    SortedMap<String, EnvironmentSpec> specs = new TreeMap<>();
    for (Path file : envFiles) {
      String fileName = file.getFileName().toString();
      String name = fileName.substring(0, fileName.lastIndexOf('.'));
      if (!EnvironmentName.isValid(name)) {
        problems.add(
            new VarProblem(
                Position.startOf(file), "", "file name: " + EnvironmentName.whyInvalid(name)));
        continue;
      }
      if (specs.containsKey(name)) {
        problems.add(
            new VarProblem(
                Position.startOf(file),
                "",
                "environment '" + name + "' is defined twice (.yml and .yaml)"));
        continue;
      }
      Optional<YamlMap> own = YamlReader.read(file, problems);
      if (own.isEmpty()) {
        continue;
      }
      int before = problems.size();
      SchemaValidator.validate(own.get(), false, problems);
      checkEnvironmentKey(own.get(), file, name);
      if (problems.size() > before || common.isEmpty() || !commonValid) {
        continue;
      }
      YamlMap merged = Merger.merge(common.get(), own.get());
      build(name, file, merged, dir).ifPresent(spec -> specs.put(name, spec));
    }
    Set<String> files =
        envFiles.stream()
            .map(f -> f.getFileName().toString())
            .map(n -> n.substring(0, n.lastIndexOf('.')))
            .collect(java.util.stream.Collectors.toSet());
    if (problems.isEmpty()) {
      combinations(specs);
    }
    ParityPolicy policy =
        commonValid
            ? common.map(c -> policy(c, specs, files)).orElse(ParityPolicy.strict())
            : ParityPolicy.strict();
    return result(dir, policy, specs);
  }

  /** A tool required in an environment the variable set does not have (a typo, a removed one). */
  private void unknownToolEnvironments(SortedMap<String, EnvironmentSpec> specs) {
    Set<String> reported = new java.util.HashSet<>();
    for (EnvironmentSpec env : specs.values()) {
      for (ToolSpec tool : env.tools().values()) {
        for (String required : tool.environments()) {
          if (!specs.containsKey(required) && reported.add(tool.position() + required)) {
            problems.add(
                new VarProblem(
                    tool.position(),
                    "tools." + tool.name() + ".environments",
                    "'" + required + "' has no variable set (" + required + ".yml)"));
          }
        }
      }
    }
  }

  /**
   * What no single file shows: listeners beyond port 65535 or on one address and port twice (across
   * services and environments on this machine), two secrets that reach a tool as one variable, two
   * environments whose state shares one schema.
   */
  private void combinations(SortedMap<String, EnvironmentSpec> specs) {
    unknownToolEnvironments(specs);
    Map<String, String> listeners = new TreeMap<>();
    Map<String, String> stateSchemas = new TreeMap<>();
    for (EnvironmentSpec env : specs.values()) {
      for (ServiceSpec svc : env.services().values()) {
        Scalar port = env.leaves().get("services." + svc.name() + ".port");
        Position at = port == null ? svc.position() : port.position();
        int nodes = env.topology().getOrDefault(svc.role(), 0);
        int last = svc.port() + env.portOffset() + Math.max(0, nodes - 1);
        if (last > 65535) {
          problems.add(
              new VarProblem(
                  at,
                  "services." + svc.name() + ".port",
                  env.name()
                      + ": "
                      + svc.port()
                      + " + port_offset "
                      + env.portOffset()
                      + (nodes > 1 ? " + node index up to " + (nodes - 1) : "")
                      + " = "
                      + last
                      + ", beyond 65535"));
          continue;
        }
        if (env.access().subnet() != null) {
          continue; // lab and remote nodes each listen on their own address
        }
        for (int i = 0; i < nodes; i++) {
          String key = env.bindAddress() + ":" + (svc.port() + env.portOffset() + i);
          String who = env.name() + " " + svc.name() + " node " + i;
          String before = listeners.putIfAbsent(key, who);
          if (before != null) {
            problems.add(
                new VarProblem(
                    at,
                    "services." + svc.name() + ".port",
                    who + " would listen on " + key + ", as " + before + " does"));
            break;
          }
        }
      }
      Map<String, String> variables = new TreeMap<>();
      for (String secret : env.secrets().keySet()) {
        String variable = SecretRef.variable(secret);
        String before = variables.putIfAbsent(variable, secret);
        if (before != null) {
          problems.add(
              new VarProblem(
                  Position.startOf(env.file()),
                  "secrets." + secret,
                  env.name()
                      + ": secrets '"
                      + before
                      + "' and '"
                      + secret
                      + "' both reach the playbooks as "
                      + variable
                      + "; rename one"));
        }
      }
      String backend = env.terraform().backend();
      if (backend.equals("pg") || backend.equals("store")) {
        String schema = env.terraform().schemaName();
        String before = stateSchemas.putIfAbsent(schema, env.name());
        if (before != null) {
          problems.add(
              new VarProblem(
                  Position.startOf(env.file()),
                  "terraform.schema_name",
                  "environments "
                      + before
                      + " and "
                      + env.name()
                      + " would keep their state in one schema, "
                      + schema
                      + "; set terraform.schema_name"));
        }
      }
    }
  }

  private VarSet result(Path dir, ParityPolicy policy, SortedMap<String, EnvironmentSpec> specs) {
    List<VarProblem> sorted = new ArrayList<>(problems);
    sorted.sort(
        Comparator.comparing((VarProblem p) -> p.position().file().toString())
            .thenComparingInt(p -> p.position().line())
            .thenComparingInt(p -> p.position().column()));
    return new VarSet(dir, policy, specs, sorted, store);
  }

  private List<Path> environmentFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> all = files.sorted().toList();
      for (Path p : all) {
        String n = p.getFileName().toString();
        String lower = n.toLowerCase(java.util.Locale.ROOT);
        if ((lower.endsWith(".yml") || lower.endsWith(".yaml"))
            && !(n.endsWith(".yml") || n.endsWith(".yaml"))) {
          // Silently skipping it would drop an environment the team thinks it declared.
          problems.add(
              new VarProblem(
                  Position.startOf(p),
                  "",
                  "file name: parity reads environment files named <environment>.yml (lower-case"
                      + " extension); rename it or move it out of the vars directory"));
        }
      }
      return all.stream()
          .filter(
              p -> {
                String n = p.getFileName().toString();
                return (n.endsWith(".yml") || n.endsWith(".yaml"))
                    && !n.equals(COMMON)
                    && !n.equals("common.yaml");
              })
          .toList();
    } catch (IOException e) {
      problems.add(new VarProblem(Position.startOf(dir), "", "cannot list: " + e.getMessage()));
      return List.of();
    }
  }

  private void checkEnvironmentKey(YamlMap own, Path file, String name) {
    Entry e = own.entries().get("environment");
    if (e == null) {
      problems.add(
          new VarProblem(own.position(), "environment", "missing; write environment: " + name));
    } else if (e.value() instanceof Scalar s && !s.text().equals(name)) {
      problems.add(
          new VarProblem(
              s.position(),
              "environment",
              "is "
                  + SchemaValidator.quoteName(s.text())
                  + " but the file is "
                  + file.getFileName()
                  + "; they must match"));
    }
  }

  /**
   * Builds the spec from a merged tree that passed the schema; adds problems for what spans keys.
   */
  private Optional<EnvironmentSpec> build(String name, Path file, YamlMap m, Path dir) {
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
    RequiredKeys.check(m, VarSchema.ROOT, problems);
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
      service(e, topology).ifPresent(s -> services.put(s.name(), s));
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
        secrets.put(e.key(), secretRef(e.key(), (YamlMap) e.value(), dir));
      }
    }

    YamlMap network = optionalMap(m, "network");
    int portOffset = (int) longOr(network, "port_offset", defaultInt("network.port_offset"));
    String bind = textOr(network, "bind_address", defaultText("network.bind_address"));
    NodeAccess access = access(network, optionalMap(m, "ssh"), secrets);

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
      } else if (!secrets.containsKey(terraform.connStrSecret())) {
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
            tools(m, topology)));
  }

  /** The tools section: each tool's version, where it is required, how to read and install it. */
  private SortedMap<String, ToolSpec> tools(YamlMap m, Map<String, Integer> topology) {
    SortedMap<String, ToolSpec> tools = new TreeMap<>();
    YamlMap section = optionalMap(m, "tools");
    if (section == null) {
      return tools;
    }
    for (Entry e : section.entries().values()) {
      YamlMap t = (YamlMap) e.value();
      if (t.get("version") == null) {
        problems.add(new VarProblem(t.position(), "tools." + e.key() + ".version", "missing"));
        continue;
      }
      List<String> roles = strings(t.get("roles"));
      for (String role : roles) {
        if (!topology.containsKey(role)) {
          problems.add(
              new VarProblem(
                  t.get("roles").position(),
                  "tools." + e.key() + ".roles",
                  "role '" + role + "' has no entry in topology"));
        }
      }
      YamlMap read = optionalMap(t, "read");
      YamlMap install = optionalMap(t, "install");
      List<String> command = read == null ? List.of() : strings(read.get("command"));
      if (read == null && !ToolReaders.knows(e.key())) {
        problems.add(
            new VarProblem(
                t.position(),
                "tools." + e.key() + ".read",
                "parity has no built-in reader for "
                    + e.key()
                    + "; give read: { command: [...], regex: '...' }"));
      }
      String packageName = install == null ? null : textOr(install, "package", null);
      String fromToolCache = install == null ? null : textOr(install, "from_tool_cache", null);
      String bin = install == null ? null : textOr(install, "bin", null);
      if (install != null && (packageName == null) == (fromToolCache == null)) {
        problems.add(
            new VarProblem(
                install.position(),
                "tools." + e.key() + ".install",
                "give one of package or from_tool_cache"));
      }
      if (bin != null && fromToolCache == null) {
        problems.add(
            new VarProblem(
                install.get("bin").position(),
                "tools." + e.key() + ".install.bin",
                "names the program inside from_tool_cache; there is none"));
      }
      tools.put(
          e.key(),
          new ToolSpec(
              e.key(),
              text(t.get("version")),
              strings(t.get("environments")),
              roles,
              command,
              read == null ? null : textOr(read, "regex", null),
              packageName,
              fromToolCache,
              bin,
              t.get("version").position()));
    }
    return tools;
  }

  private static List<String> strings(YamlNode node) {
    return node instanceof YamlList l
        ? l.items().stream().map(VarSetLoader::text).toList()
        : List.of();
  }

  /** network.subnet and clients, and the ssh section; a secret it names must be declared. */
  private NodeAccess access(YamlMap network, YamlMap ssh, Map<String, SecretRef> secrets) {
    String subnet = network == null ? null : textOr(network, "subnet", null);
    List<String> clients =
        network != null && network.get("clients") instanceof YamlList l
            ? l.items().stream().map(VarSetLoader::text).toList()
            : List.of(subnet != null ? subnet : "127.0.0.1/32");
    Ssh d = Ssh.DEFAULTS;
    if (ssh == null) {
      return new NodeAccess(subnet, clients, d);
    }
    for (String key : List.of("private_key_secret", "known_hosts_secret")) {
      if (ssh.get(key) instanceof Scalar s && !secrets.containsKey(s.text())) {
        problems.add(
            new VarProblem(
                s.position(), "ssh." + key, "names no secret; declare secrets." + s.text()));
      }
    }
    String user = textOr(ssh, "user", d.user());
    YamlMap b = optionalMap(ssh, "bastion");
    Bastion bastion = null;
    if (b != null) {
      if (b.get("host") == null) {
        problems.add(new VarProblem(b.position(), "ssh.bastion.host", "missing"));
      } else {
        bastion =
            new Bastion(
                textOr(b, "host", null),
                (int) longOr(b, "port", defaultInt("ssh.bastion.port")),
                textOr(b, "user", user));
      }
    }
    return new NodeAccess(
        subnet,
        clients,
        new Ssh(
            user,
            textOr(ssh, "private_key_secret", null),
            textOr(ssh, "known_hosts_secret", null),
            bastion,
            textOr(ssh, "become_method", d.becomeMethod()),
            flag(ssh.get("pipelining"), d.pipelining()),
            flag(ssh.get("control_persist"), d.controlPersist())));
  }

  private Optional<ServiceSpec> service(Entry e, Map<String, Integer> topology) {
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
              ? l.items().stream().map(VarSetLoader::text).toList()
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
            s.get("version").position()));
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

  private SecretRef secretRef(String name, YamlMap ref, Path dir) {
    if (ref.get("env") != null) {
      return new SecretRef.FromEnv(
          name, text(ref.get("env")), ref.get("env").position().toString());
    }
    if (ref.get("env_file") != null) {
      return new SecretRef.FromEnvFile(
          name, text(ref.get("env_file")), ref.get("env_file").position().toString());
    }
    if (ref.get("file") != null) {
      return new SecretRef.FromFile(
          name,
          dir.resolve(text(ref.get("file"))).normalize(),
          ref.get("file").position().toString());
    }
    if (!flag(ref.get("generate"), false)) {
      problems.add(
          new VarProblem(
              ref.get("generate").position(),
              "secrets." + name + ".generate",
              "false generates nothing, and this secret has no other source: give env, env_file or"
                  + " file, or generate: true"));
    }
    SecretRef.Kind kind =
        ref.get("kind") != null && text(ref.get("kind")).equals("ssh-key")
            ? SecretRef.Kind.SSH_KEY
            : SecretRef.Kind.PASSWORD;
    return new SecretRef.Generated(name, kind, ref.position().toString());
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

  /** common.yml's store, or null; its connection string only from env or file. */
  private StoreSettings store(YamlMap common, Path dir) {
    YamlMap s = optionalMap(common, "store");
    if (s == null || !(s.get("conn_str") instanceof YamlMap ref)) {
      return null;
    }
    boolean onlyKnownKeys = Set.of("env", "file").containsAll(ref.entries().keySet());
    if (onlyKnownKeys && (ref.get("env") == null) == (ref.get("file") == null)) {
      problems.add(
          new VarProblem(
              ref.position(),
              "store.conn_str",
              "a secret reference needs exactly one of env, file (a store's credentials are never"
                  + " generated)"));
      return null;
    }
    if (!onlyKnownKeys) {
      return null; // the schema names the unknown key
    }
    String project = common.get("project") == null ? "parity" : text(common.get("project"));
    return new StoreSettings(
        secretRef("store", ref, dir), textOr(s, "schema", "parity_" + project.replace('-', '_')));
  }

  /**
   * @param files the environments that have a file: one whose file has problems is not named again
   *     here (its own problems say what is wrong)
   */
  private ParityPolicy policy(
      YamlMap common, Map<String, EnvironmentSpec> specs, Set<String> files) {
    YamlMap p = optionalMap(common, "parity");
    if (p == null) {
      return ParityPolicy.strict();
    }
    List<String> prodLike = new ArrayList<>();
    if (p.get("prod_like") instanceof YamlList l) {
      for (YamlNode item : l.items()) {
        String env = text(item);
        prodLike.add(env);
        if (!specs.containsKey(env)
            && !files.contains(env)
            && problems.stream().noneMatch(x -> x.key().isEmpty())) {
          problems.add(
              new VarProblem(
                  item.position(),
                  "parity.prod_like",
                  "names no environment: '"
                      + env
                      + "' (environments: "
                      + String.join(", ", specs.keySet())
                      + ")"));
        }
      }
    }
    List<String> mayVary =
        p.get("may_vary") instanceof YamlList l
            ? l.items().stream().map(VarSetLoader::text).toList()
            : List.of();
    List<String> promotion = new ArrayList<>();
    if (p.get("promotion") instanceof YamlList l) {
      for (YamlNode item : l.items()) {
        String env = text(item);
        if (promotion.contains(env)) {
          problems.add(
              new VarProblem(item.position(), "parity.promotion", "lists " + env + " twice"));
        } else if (!files.contains(env)) {
          problems.add(
              new VarProblem(
                  item.position(),
                  "parity.promotion",
                  "names no environment: '"
                      + env
                      + "' (environments: "
                      + String.join(", ", new java.util.TreeSet<>(files))
                      + ")"));
        }
        promotion.add(env);
      }
      List<String> missing =
          new java.util.TreeSet<>(files).stream().filter(e -> !promotion.contains(e)).toList();
      if (!missing.isEmpty()) {
        problems.add(
            new VarProblem(
                l.position(),
                "parity.promotion",
                "lists every environment once, in promotion order; missing: "
                    + String.join(", ", missing)));
      }
    }
    return new ParityPolicy(
        prodLike,
        (int) longOr(p, "max_patch_lag", 0),
        (int) longOr(p, "patch_window_days", 0),
        mayVary,
        promotion);
  }

  private static void flatten(YamlNode node, String path, Map<String, Scalar> out) {
    if (node instanceof YamlMap m) {
      m.entries().forEach((k, e) -> flatten(e.value(), path.isEmpty() ? k : path + "." + k, out));
    } else if (node instanceof YamlList l) {
      for (int i = 0; i < l.items().size(); i++) {
        flatten(l.items().get(i), path + "[" + i + "]", out);
      }
      if (l.items().isEmpty()) {
        out.put(path, new Scalar(l.position(), "[]", YamlNode.ScalarType.STRING));
      }
    } else {
      out.put(path, (Scalar) node);
    }
  }

  private static YamlMap map(YamlMap m, String key) {
    return (YamlMap) m.get(key);
  }

  private static YamlMap optionalMap(YamlMap m, String key) {
    return m.get(key) instanceof YamlMap child ? child : null;
  }

  /**
   * A boolean key's value: absent gives the default. Anything but true and false is a problem the
   * schema has already recorded at its position, so the set never runs; it reads as the default
   * only so that the other problems can still be collected.
   */
  private static boolean flag(YamlNode node, boolean absent) {
    return node instanceof Scalar s && s.type() == YamlNode.ScalarType.BOOL
        ? s.text().equals("true")
        : absent;
  }

  static String text(YamlNode node) {
    return node instanceof Scalar s ? s.text() : "";
  }

  /** The key's text, or the fallback when the key (or its whole section, m) is absent. */
  private static String textOr(YamlMap m, String key, String fallback) {
    return m != null && m.get(key) instanceof Scalar s ? s.text() : fallback;
  }

  private static long number(YamlNode node) {
    return Long.decode(text(node).replace("_", ""));
  }

  private static long longOr(YamlMap m, String key, long fallback) {
    return m != null && m.get(key) instanceof Scalar s
        ? Long.decode(s.text().replace("_", ""))
        : fallback;
  }
}
