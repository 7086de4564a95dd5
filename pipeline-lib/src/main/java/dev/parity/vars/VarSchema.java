package dev.parity.vars;

import static dev.parity.vars.Shape.Compare.NEVER;
import static dev.parity.vars.Shape.Compare.OWN_RULE;
import static dev.parity.vars.Shape.LeafType.BOOLEAN;
import static dev.parity.vars.Shape.LeafType.CIDR;
import static dev.parity.vars.Shape.LeafType.DATE;
import static dev.parity.vars.Shape.LeafType.ENV_NAME;
import static dev.parity.vars.Shape.LeafType.HOST;
import static dev.parity.vars.Shape.LeafType.INTEGER;
import static dev.parity.vars.Shape.LeafType.KEY_PATTERN;
import static dev.parity.vars.Shape.LeafType.NAME;
import static dev.parity.vars.Shape.LeafType.PACKAGE_PIN;
import static dev.parity.vars.Shape.LeafType.REGEX;
import static dev.parity.vars.Shape.LeafType.RELATIVE_PATH;
import static dev.parity.vars.Shape.LeafType.SCALAR;
import static dev.parity.vars.Shape.LeafType.STRING;
import static dev.parity.vars.Shape.LeafType.VERSION;
import static dev.parity.vars.Shape.Scope.ANY;
import static dev.parity.vars.Shape.Scope.COMMON_ONLY;
import static dev.parity.vars.Shape.Scope.ENVIRONMENT_ONLY;

import dev.parity.vars.Shape.Field;
import dev.parity.vars.Shape.Leaf;
import dev.parity.vars.Shape.LeafType;
import dev.parity.vars.Shape.ListShape;
import dev.parity.vars.Shape.MapShape;
import dev.parity.vars.Shape.Scope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code parity/v1} variable-set format: every key, its shape and where it may be written. */
public final class VarSchema {
  public static final String SCHEMA_ID = "parity/v1";

  private VarSchema() {}

  public static final MapShape ROOT = root();

  /** The shape of one service under {@code services}. */
  static final MapShape SERVICE =
      (MapShape) ((MapShape) ROOT.fields().get("services").shape()).values();

  private static MapShape root() {
    Map<String, Field> f = new LinkedHashMap<>();
    f.put(
        "schema",
        field(leaf("The format of these files.", STRING, List.of(SCHEMA_ID)), COMMON_ONLY, true));
    f.put("project", field(leaf("The project's name.", NAME), COMMON_ONLY, true));
    f.put(
        "environment",
        field(
            leaf("This environment's name; equals the file name without .yml.", NAME),
            ENVIRONMENT_ONLY,
            true));
    f.put(
        "protected",
        field(
            leaf("Deletes and replaces in this environment need explicit approval.", BOOLEAN),
            ANY,
            false));
    f.put(
        "services",
        field(
            new MapShape(
                "The backing services, by name (postgresql, memcached, ...).",
                Map.of(),
                service(),
                leaf("A service name.", NAME)),
            ANY,
            true));
    f.put(
        "topology",
        field(
            new MapShape(
                "Nodes per role.",
                Map.of(),
                range("How many nodes run this role.", 0L, 10_000L),
                leaf("A role name.", NAME)),
            ANY,
            true));
    f.put(
        "sizing",
        field(
            new MapShape(
                "Compute and storage per role; may differ between environments.",
                Map.of(),
                sizing(),
                leaf("A role name.", NAME)),
            ANY,
            false));
    f.put(
        "tools",
        field(
            new MapShape(
                "Developer tools (a JDK, Node, psql, the Terraform/OpenTofu CLI, a team's own CLIs), by"
                    + " name: the same version wherever they are required.",
                Map.of(),
                tool(),
                leaf("A tool name.", NAME)),
            ANY,
            false));
    f.put("network", field(network(), ANY, false));
    f.put("ssh", field(ssh(), ANY, false));
    f.put("terraform", field(terraform(), ANY, false));
    f.put("ansible", field(ansible(), ANY, false));
    f.put(
        "secrets",
        field(
            new MapShape(
                "Secrets by name, each a reference; never a literal value.",
                Map.of(),
                secretRef(),
                leaf("A secret name.", NAME)),
            ANY,
            false));
    // parity itself may be written in an environment's file for expected_drift alone; each of its
    // other keys is common.yml's.
    f.put("parity", field(policy(), ANY, false));
    f.put("store", field(store(), COMMON_ONLY, false));
    f.put("notify", field(notifyTargets(), COMMON_ONLY, false));
    // What check does not compare key by key: how each environment is named, protected, reached,
    // hosted and sized, and the keys with rules of their own (node counts, sizes).
    for (String key :
        List.of("environment", "protected", "secrets", "network", "ssh", "terraform", "ansible")) {
      f.put(key, f.get(key).compared(NEVER));
    }
    f.put("parity", f.get("parity").compared(NEVER));
    f.put("notify", f.get("notify").compared(NEVER));
    f.put("topology", f.get("topology").compared(OWN_RULE));
    f.put("sizing", f.get("sizing").compared(OWN_RULE));
    f.put("protected", f.get("protected").withDefault(false));
    return new MapShape(
        "A parity/v1 variable set: vars/common.yml, deep-merged under by vars/<environment>.yml.",
        f,
        null,
        null);
  }

  private static MapShape service() {
    Map<String, Field> f = new LinkedHashMap<>();
    f.put(
        "version",
        field(leaf("The version every environment runs, quoted: \"16.4\".", VERSION), ANY, true));
    f.put("role", field(leaf("The role (topology key) whose nodes run it.", NAME), ANY, true));
    f.put(
        "port",
        field(
            range(
                "The base port; a node with an address of its own listens on it, nodes sharing one address (no network.subnet) on port + network.port_offset + node index.",
                1L,
                65535L),
            ANY,
            true));
    f.put(
        "settings",
        field(
            new MapShape(
                "Service settings (postgresql.conf parameters, memcached options).",
                Map.of(),
                leaf("A setting's value.", SCALAR),
                leaf("A setting name.", NAME)),
            ANY,
            false));
    f.put("probe", field(probe(), ANY, false));
    // Prod-like environments must agree on it (check's replication rule); a developer's one node
    // need not replicate.
    f.put("replication", field(replication(), ANY, false).compared(OWN_RULE));
    // Where a service's programs come from (parity's builds, the node's packages) is how the
    // environment is hosted, and where it listens too (a lab host: the standard port at its own
    // address; the local stack: base + offset + index); the version is compared by its own rule.
    f.put("install", field(serviceInstall(), ANY, false).compared(NEVER));
    f.put("port", f.get("port").compared(NEVER));
    f.put("version", f.get("version").compared(OWN_RULE));
    return new MapShape("A backing service.", f, null, null);
  }

  /** How a PostgreSQL role's nodes replicate. */
  private static MapShape replication() {
    Map<String, Field> f = new LinkedHashMap<>();
    f.put(
        "mode",
        field(
            leaf(
                "streaming: the role's first node is the primary and every other node its physical"
                    + " standby (streaming replication, a replication slot each); none: each node"
                    + " is a server of its own.",
                STRING,
                List.of(ServiceSpec.Replication.STREAMING, ServiceSpec.Replication.NONE)),
            ANY,
            true));
    f.put(
        "max_lag_bytes",
        field(
                range(
                    "How far a standby's replay may trail the primary's WAL before assert fails.",
                    0L,
                    1L << 40),
                ANY,
                false)
            .withDefault(16L * 1024 * 1024));
    f.put(
        "password_secret",
        field(
                leaf(
                    "The secret holding the password of the replication role the standbys log in"
                        + " with (parity_replication); required for streaming.",
                    NAME),
                ANY,
                false)
            .compared(NEVER));
    return new MapShape("How the service's nodes replicate (PostgreSQL only).", f, null, null);
  }

  /** Where a service's programs come from on SSH nodes. */
  private static MapShape serviceInstall() {
    Map<String, Field> f = new LinkedHashMap<>();
    f.put(
        "package",
        field(
            leaf(
                "The node's package that provides the server (apt on Debian-family nodes), e.g."
                    + " postgresql-16; installed at the declared version exactly. Without install,"
                    + " PostgreSQL comes from parity's own builds in the tool cache and Memcached"
                    + " from the package memcached.",
                Shape.LeafType.PACKAGE),
            ANY,
            true));
    f.put(
        "repository",
        field(
            leaf(
                "An apt source line the node gets before the install (default: the node's own"
                    + " sources), e.g. \"deb [signed-by=/usr/share/keyrings/pgdg.gpg]"
                    + " https://apt.postgresql.org/pub/repos/apt bookworm-pgdg main\".",
                Shape.LeafType.APT_SOURCE),
            ANY,
            false));
    f.put(
        "bin_dir",
        field(
            leaf(
                "Where the package puts the server programs (default: PostgreSQL"
                    + " /usr/lib/postgresql/<major>/bin, Memcached /usr/bin).",
                Shape.LeafType.ABSOLUTE_PATH),
            ANY,
            false));
    return new MapShape(
        "Where the service's programs come from on SSH nodes (local nodes always use the tool"
            + " cache).",
        f,
        null,
        null);
  }

  private static MapShape tool() {
    Map<String, Field> f = new LinkedHashMap<>();
    f.put(
        "version",
        field(
            leaf(
                "The version, quoted; a prefix of the live one: \"17.0\" is met by 17.0.15.",
                VERSION),
            ANY,
            true));
    f.put(
        "environments",
        field(
            new ListShape(
                "Where it is required (default: every environment); local is a developer's own"
                    + " machine.",
                leaf("An environment.", NAME)),
            ANY,
            false));
    f.put(
        "roles",
        field(
            new ListShape(
                "On which nodes of those environments (default: every node).",
                leaf("A role.", NAME)),
            ANY,
            false));
    // Where a tool is required is the environment's own business; its version has its own rule.
    f.put("environments", f.get("environments").compared(NEVER));
    f.put("roles", f.get("roles").compared(NEVER));
    f.put("version", f.get("version").compared(OWN_RULE));
    Map<String, Field> read = new LinkedHashMap<>();
    read.put(
        "command",
        field(new ListShape("The argument list.", leaf("An argument.", STRING)), ANY, true));
    read.put(
        "regex",
        field(
            leaf(
                "A Java regular expression, checked at validate time; group 1 captures the"
                    + " version.",
                REGEX),
            ANY,
            true));
    f.put(
        "read",
        field(
            new MapShape(
                "How to read the live version (default: the built-in reader of java, node, psql,"
                    + " tofu, terraform, mvn, go, python3, ansible).",
                read,
                null,
                null),
            ANY,
            false));
    Map<String, Field> install = new LinkedHashMap<>();
    install.put(
        "package",
        field(
            leaf(
                "A Debian package; pinned to the version (package=version*) when it names none.",
                PACKAGE_PIN),
            ANY,
            false));
    install.put(
        "from_tool_cache",
        field(
            leaf(
                "Instead of a package: a directory or a .tar.gz in the controller's tool cache"
                    + " (relative to it, e.g. opentofu/1.10.10), pushed to the node and unpacked"
                    + " into "
                    + ToolSpec.INSTALL_ROOT
                    + "/<name>-<version>.",
                RELATIVE_PATH),
            ANY,
            false));
    install.put(
        "bin",
        field(
            leaf(
                "With from_tool_cache: the program inside it, linked as /usr/local/bin/<name>"
                    + " (default: the tool's name).",
                RELATIVE_PATH),
            ANY,
            false));
    f.put(
        "install",
        field(
            new MapShape(
                "How configure installs it: a Debian package or what the tool cache holds.",
                install,
                null,
                null),
            ANY,
            false));
    return new MapShape("A developer tool.", f, null, null);
  }

  private static MapShape probe() {
    Map<String, Field> f = new LinkedHashMap<>();
    f.put(
        "type",
        field(
            leaf(
                "How the live version is read.",
                STRING,
                List.of("postgresql", "memcached", "tcp", "http", "command")),
            ANY,
            true));
    f.put(
        "url",
        field(
            leaf("For http: the URL; {host} and {port} are replaced per node.", STRING),
            ANY,
            false));
    f.put(
        "json_pointer",
        field(
            leaf("For http: a JSON pointer to the version in the response.", STRING), ANY, false));
    f.put(
        "regex",
        field(
            leaf(
                "For http and command: a Java regular expression, checked at validate time; group 1"
                    + " captures the version.",
                REGEX),
            ANY,
            false));
    f.put(
        "command",
        field(
            new ListShape(
                "For command: the argument list; {host} and {port} are replaced.",
                leaf("An argument.", STRING)),
            ANY,
            false));
    f.put("timeout_ms", field(range("Connect and read timeout.", 100L, 600_000L), ANY, false));
    return new MapShape(
        "How to read the version a live node runs (default: by service name).", f, null, null);
  }

  private static MapShape sizing() {
    Map<String, Field> f = new LinkedHashMap<>();
    f.put("cpus", field(range("CPUs per node.", 1L, 1024L), ANY, false));
    f.put("memory_mb", field(range("Memory per node, MiB.", 16L, 4_194_304L), ANY, false));
    f.put("disk_gb", field(range("Disk per node, GiB.", 1L, 1_048_576L), ANY, false));
    return new MapShape("Sizes of one role's nodes.", f, null, null);
  }

  private static MapShape network() {
    Map<String, Field> f = new LinkedHashMap<>();
    f.put(
        "port_offset",
        field(
                range(
                    "Added to every service port, so environments on one host do not collide.",
                    0L,
                    60_000L),
                ANY,
                false)
            .withDefault(0L));
    f.put(
        "bind_address",
        field(leaf("The address nodes listen on (an IP address or a host name).", HOST), ANY, false)
            .withDefault("127.0.0.1"));
    f.put(
        "subnet",
        field(
            leaf(
                "For the lab module: this environment's subnet; its bridge (the controller) is .1,"
                    + " its hosts from .10.",
                CIDR),
            ANY,
            false));
    f.put(
        "clients",
        field(
            new ListShape(
                "Networks whose clients may connect to the services (PostgreSQL's pg_hba.conf);"
                    + " default: the subnet, else 127.0.0.1/32.",
                leaf("An IPv4 network.", CIDR)),
            ANY,
            false));
    return new MapShape("Network settings.", f, null, null);
  }

  private static MapShape ssh() {
    Map<String, Field> f = new LinkedHashMap<>();
    f.put(
        "user",
        field(
                leaf(
                    "The login user on nodes whose inventory names none; the lab creates it.",
                    NAME),
                ANY,
                false)
            .withDefault("parity-lab"));
    f.put(
        "private_key_secret",
        field(
            leaf(
                "The secret holding the SSH private key (OpenSSH format); written 0600 for a run"
                    + " and removed after it.",
                NAME),
            ANY,
            false));
    f.put(
        "known_hosts_secret",
        field(
            leaf(
                "The secret holding known_hosts lines for the nodes (and the bastion); host keys"
                    + " the inventory gives are trusted too. An unknown or changed key is refused.",
                NAME),
            ANY,
            false));
    Map<String, Field> b = new LinkedHashMap<>();
    b.put("host", field(leaf("The bastion's address or host name.", HOST), ANY, true));
    b.put("port", field(range("Its SSH port.", 1L, 65535L), ANY, false).withDefault(22L));
    b.put("user", field(leaf("Its login user (default: ssh.user).", NAME), ANY, false));
    f.put(
        "bastion",
        field(
            new MapShape(
                "A jump host: every node is reached through it (ProxyJump).", b, null, null),
            ANY,
            false));
    f.put(
        "become_method",
        field(
                leaf(
                    "How privileged and service tasks switch user on SSH nodes.",
                    STRING,
                    List.of("sudo", "su")),
                ANY,
                false)
            .withDefault("sudo"));
    f.put(
        "pipelining",
        field(leaf("Ansible SSH pipelining.", BOOLEAN), ANY, false).withDefault(true));
    f.put(
        "control_persist",
        field(leaf("Reuse one SSH connection per host during a run.", BOOLEAN), ANY, false)
            .withDefault(true));
    return new MapShape("How SSH nodes are reached.", f, null, null);
  }

  private static MapShape terraform() {
    Map<String, Field> f = new LinkedHashMap<>();
    f.put(
        "module",
        field(
                leaf(
                    "The root module directory, relative to the repository (inside it: parity links"
                        + " every entry of it into the engine's working directory).",
                    RELATIVE_PATH),
                ANY,
                false)
            .withDefault("terraform"));
    f.put(
        "backend",
        field(
            leaf(
                "Where state lives: local (under the work dir), pg (PostgreSQL at conn_str_secret) or"
                    + " store (the shared store; the default when common.yml has one).",
                STRING,
                List.of("local", "pg", "store")),
            ANY,
            false));
    f.put(
        "conn_str_secret",
        field(
            leaf("For pg: the name of the secret holding the connection string.", NAME),
            ANY,
            false));
    f.put(
        "schema_name",
        field(leaf("For pg: the state schema (default: parity_<environment>).", NAME), ANY, false));
    f.put(
        "timeout_minutes",
        field(range("How long one engine command may run, in minutes.", 1L, 1440L), ANY, false)
            .withDefault(60L));
    return new MapShape("How this environment is planned and applied.", f, null, null);
  }

  /** A secret reference that is read, never generated: exactly one of env, file. */
  private static MapShape envOrFile(String description) {
    Map<String, Field> ref = new LinkedHashMap<>();
    ref.put(
        "env",
        field(
            leaf("Read from this environment variable (a Jenkins credential).", ENV_NAME),
            ANY,
            false));
    ref.put(
        "file",
        field(
            leaf("Read from this file (absolute, or relative to the vars directory).", STRING),
            ANY,
            false));
    return new MapShape(description, ref, null, null, List.of("env", "file"));
  }

  private static MapShape notifyTargets() {
    Map<String, Field> f = new LinkedHashMap<>();
    f.put(
        "url",
        field(
            envOrFile(
                "The webhook URL, as a secret reference (it often holds a token): exactly one of"
                    + " env, file."),
            ANY,
            true));
    f.put(
        "format",
        field(
            leaf(
                "slack: a Slack-compatible {\"text\": ...} message; json: parity's own document"
                    + " (schema parity/notification-v1).",
                STRING,
                List.of("slack", "json")),
            ANY,
            true));
    f.put(
        "environments",
        field(
            new ListShape(
                "The environments it hears about (default: every one).",
                leaf("An environment.", NAME)),
            ANY,
            false));
    return new MapShape(
        "Webhooks told once per change of an environment's verdict after reconcile (newly"
            + " drifted, resolved, errored; a daily digest at most while it stays so), by target"
            + " name. Sending never fails a run: what is not delivered is kept in the store and"
            + " sent by the next run.",
        Map.of(),
        new MapShape("A webhook target.", f, null, null),
        leaf("A target name.", NAME));
  }

  private static MapShape store() {
    Map<String, Field> f = new LinkedHashMap<>();
    f.put(
        "conn_str",
        field(
            envOrFile(
                "The store's connection string (postgres://user:password@host:port/db), as a secret"
                    + " reference: exactly one of env, file."),
            ANY,
            true));
    f.put(
        "schema",
        field(
            leaf("The schema of this project's records (default: parity_<project>).", NAME),
            ANY,
            false));
    return new MapShape(
        "The shared store (PostgreSQL) where a team's jobs on different agents keep what decides"
            + " outcomes: Terraform state, the version history, environment locks, rollouts, generated"
            + " secrets and a row per run. Without it, everything stays in the work dir.",
        f,
        null,
        null);
  }

  private static MapShape ansible() {
    Map<String, Field> f = new LinkedHashMap<>();
    f.put("forks", field(range("Parallel hosts.", 1L, 200L), ANY, false).withDefault(5L));
    f.put(
        "timeout_minutes",
        field(range("How long one playbook run may take, in minutes.", 1L, 1440L), ANY, false)
            .withDefault(60L));
    return new MapShape("How this environment is configured.", f, null, null);
  }

  private static MapShape secretRef() {
    Map<String, Field> f = new LinkedHashMap<>();
    f.put(
        "env",
        field(
            leaf(
                "Read from this environment variable (e.g. set by Jenkins withCredentials).",
                ENV_NAME),
            ANY,
            false));
    f.put(
        "env_file",
        field(
            leaf(
                "Read from the file whose path this environment variable holds (Jenkins file and"
                    + " SSH private key credentials).",
                ENV_NAME),
            ANY,
            false));
    f.put(
        "file",
        field(
            leaf("Read from this file (absolute, or relative to the vars directory).", STRING),
            ANY,
            false));
    f.put(
        "generate",
        field(
            leaf(
                "Generated once per environment into the work dir (mode 0600); for local "
                    + "stacks.",
                BOOLEAN),
            ANY,
            false));
    f.put(
        "kind",
        field(
            leaf(
                "With generate: what to generate, a password (the default) or an Ed25519 SSH key "
                    + "pair (ssh-key).",
                STRING,
                List.of("password", "ssh-key")),
            ANY,
            false));
    return new MapShape(
        "A secret reference: exactly one of env, env_file, file, generate (kind only with"
            + " generate).",
        f,
        null,
        null,
        List.of("env", "env_file", "file", "generate"));
  }

  private static MapShape policy() {
    Map<String, Field> f = new LinkedHashMap<>();
    f.put(
        "promotion",
        field(
            new ListShape(
                "Every environment once, in the order code moves through them: a developer's own"
                    + " first, production last. check, status, reconcile, reports and the rollout's"
                    + " default --envs follow it.",
                leaf("An environment.", NAME)),
            COMMON_ONLY,
            false));
    f.put(
        "prod_like",
        field(
            new ListShape(
                "Environments that keep identical topology.", leaf("An environment.", NAME)),
            COMMON_ONLY,
            false));
    f.put(
        "max_patch_lag",
        field(
            range("Patch releases an environment may trail the leading one.", 0L, 1000L),
            COMMON_ONLY,
            false));
    f.put(
        "patch_window_days",
        field(
            range("Days an environment may trail a newer patch.", 0L, 3650L), COMMON_ONLY, false));
    f.put(
        "may_vary",
        field(
            new ListShape(
                "Key paths allowed to differ between environments (* matches one key).",
                leaf("A key path.", KEY_PATTERN)),
            COMMON_ONLY,
            false));
    f.put(
        "expected_drift",
        field(
            new ListShape(
                "Drift the team lives with for a while: listed as expected, never counted in a"
                    + " verdict, never repaired. In common.yml for every environment (or those"
                    + " named), in an environment's file for that one.",
                expectedDrift()),
            ANY,
            false));
    return new MapShape(
        "The parity policy (common.yml; expected_drift also in an environment's file).",
        f,
        null,
        null);
  }

  private static MapShape expectedDrift() {
    Map<String, Field> f = new LinkedHashMap<>();
    f.put(
        "terraform",
        field(
            leaf(
                "A resource address and attribute path, 'aws_db_instance.main.engine_version';"
                    + " * matches any characters ('module.app.*.tags.scanned'), and an attribute"
                    + " covers everything under it. Only in-place updates and changes made outside"
                    + " the engine can be expected, never a create, delete or replace.",
                STRING),
            ANY,
            false));
    Map<String, Field> task = new LinkedHashMap<>();
    task.put(
        "host", field(leaf("The node, 'prod-db-0'; * matches any characters.", STRING), ANY, true));
    task.put(
        "task",
        field(
            leaf(
                "The task as check mode names it, 'postgresql : settings'; * matches any"
                    + " characters.",
                STRING),
            ANY,
            true));
    f.put(
        "configuration",
        field(
            new MapShape("A configuration task that check mode finds changed.", task, null, null),
            ANY,
            false));
    Map<String, Field> version = new LinkedHashMap<>();
    version.put("service", field(leaf("The service.", NAME), ANY, true));
    version.put(
        "from", field(leaf("The lowest live version expected, inclusive.", VERSION), ANY, false));
    version.put(
        "to", field(leaf("The highest live version expected, inclusive.", VERSION), ANY, false));
    f.put(
        "version",
        field(
            new MapShape(
                "A live version other than the declared one (a cloud's automatic minor upgrade).",
                version,
                null,
                null),
            ANY,
            false));
    f.put(
        "environments",
        field(
            new ListShape(
                "In common.yml: the environments it applies to (default: every one).",
                leaf("An environment.", NAME)),
            ANY,
            false));
    f.put("reason", field(leaf("Why this drift is accepted.", STRING), ANY, true));
    f.put("owner", field(leaf("Who answers for it (a team, a person).", STRING), ANY, true));
    f.put(
        "expires",
        field(
            leaf(
                "The day it stops being expected (UTC): from then on check and reconcile fail,"
                    + " naming the owner.",
                DATE),
            ANY,
            true));
    return new MapShape(
        "An expected drift: exactly one of terraform, configuration or version.",
        f,
        null,
        null,
        List.of("terraform", "configuration", "version"));
  }

  /**
   * The value an absent key stands for, by its dotted path ("terraform.timeout_minutes", * for a
   * user-chosen name: "services.*.replication.max_lag_bytes"); a key with none (or a default
   * computed from other keys) is a programming error here.
   */
  public static Object defaultOf(String path) {
    Shape at = ROOT;
    Field field = null;
    for (String key : path.split("\\.")) {
      if (key.equals("*") && at instanceof MapShape m && m.values() != null) {
        at = m.values();
        continue;
      }
      if (!(at instanceof MapShape m) || (field = m.fields().get(key)) == null) {
        throw new IllegalArgumentException("no key " + path + " in the format");
      }
      at = field.shape();
    }
    if (field.defaultValue() == null) {
      throw new IllegalArgumentException(path + " has no default in the format");
    }
    return field.defaultValue();
  }

  public static String defaultText(String path) {
    return (String) defaultOf(path);
  }

  public static int defaultInt(String path) {
    return Math.toIntExact((Long) defaultOf(path));
  }

  public static long defaultLong(String path) {
    return (Long) defaultOf(path);
  }

  public static boolean defaultFlag(String path) {
    return (Boolean) defaultOf(path);
  }

  /**
   * The keys check does not compare key by key (patterns with * for a user-chosen name): those that
   * may differ between environments and those with a rule of their own.
   */
  public static List<String> notComparedKeyByKey() {
    List<String> keys = new java.util.ArrayList<>();
    notCompared(ROOT, "", keys);
    return List.copyOf(keys);
  }

  private static void notCompared(Shape shape, String prefix, List<String> keys) {
    if (!(shape instanceof MapShape m)) {
      return;
    }
    for (var e : m.fields().entrySet()) {
      String path = prefix + e.getKey();
      if (e.getValue().compare() != Shape.Compare.KEY_BY_KEY) {
        keys.add(path);
      } else {
        notCompared(e.getValue().shape(), path + ".", keys);
      }
    }
    if (m.values() != null) {
      notCompared(m.values(), prefix + "*.", keys);
    }
  }

  private static Field field(Shape shape, Scope scope, boolean required) {
    return new Field(shape, scope, required);
  }

  private static Leaf leaf(String description, LeafType type) {
    return new Leaf(description, type, List.of(), null, null);
  }

  private static Leaf leaf(String description, LeafType type, List<String> allowed) {
    return new Leaf(description, type, allowed, null, null);
  }

  private static Leaf range(String description, Long min, Long max) {
    return new Leaf(description, INTEGER, List.of(), min, max);
  }
}
