package dev.parity.ansible;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.error.ParityException;
import dev.parity.process.PrivateFiles;
import dev.parity.process.ProcessResult;
import dev.parity.process.ProcessRunner;
import dev.parity.process.ProcessSpec;
import dev.parity.render.SecretHandoff;
import dev.parity.render.ToolVars;
import dev.parity.secret.SecretResolver;
import dev.parity.store.Store;
import dev.parity.toolchain.ServiceUser;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.EnvironmentSpec.AnsibleSettings;
import dev.parity.vars.ServiceSpec;
import dev.parity.workdir.EnvironmentDir;
import dev.parity.workdir.RunLog;
import dev.parity.workdir.WorkDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Configures one environment with ansible-playbook: the inventory from the engine's output, the
 * variable set as extra-vars (a 0600 file, deleted after the run), secrets in the environment only,
 * results from the parity_results callback. Also check mode (drift) and taking an environment down.
 */
public final class Configuration {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path home;
  private final WorkDir workDir;
  private final Store store;
  private final ProcessRunner runner;
  private final AnsibleTools tools;
  private final Map<String, String> env;
  private final Consumer<String> console;

  /**
   * @param home the repository, holding playbooks/
   * @param tools where ansible-playbook and the service builds are
   */
  public Configuration(
      Path home,
      WorkDir workDir,
      Store store,
      ProcessRunner runner,
      AnsibleTools tools,
      Map<String, String> env,
      Consumer<String> console) {
    this.home = home;
    this.workDir = workDir;
    this.store = store;
    this.runner = runner;
    this.tools = tools;
    this.env = env;
    this.console = console;
  }

  /**
   * Fails, saying why, unless {@code version} of the service can be installed on every node of the
   * environment, from where its nodes get it: parity's builds (fetched into the tool cache now if
   * they are not there), the node's package sources (asked on every node, installing nothing), or
   * for memcached on local nodes the one program this machine has.
   */
  public void requireInstallable(
      EnvironmentSpec spec, String service, String version, Store.Lease lease) {
    ServiceSpec declared = spec.services().get(service);
    List<JsonNode> nodes = Inventory.recorded(workDir.environment(spec.name()), spec.name());
    boolean anyLocal = nodes.stream().anyMatch(n -> !Inventory.isSsh(n));
    boolean anySsh = nodes.stream().anyMatch(Inventory::isSsh);
    if (service.equals("postgresql") && (anyLocal || declared.install() == null)) {
      builds().ensurePostgresql(version).ifPresent(done -> console.accept("   " + done));
    }
    if (service.equals("memcached") && anyLocal) {
      String local = memcachedVersion();
      if (!local.equals(version)) {
        throw new ParityException(
            "memcached "
                + version
                + " cannot run on "
                + spec.name()
                + "'s local nodes: this machine has memcached "
                + local
                + " ("
                + tools.memcached()
                + ")");
      }
    }
    boolean fromPackages = service.equals("memcached") || declared.install() != null;
    if (anySsh && fromPackages) {
      ObjectNode vars = extraVars(spec, false);
      ObjectNode svc = (ObjectNode) vars.path("parity").path("services").path(service);
      svc.put("version", version);
      vars.put("parity_installable", service);
      run(
          new Play(
              spec.name(),
              "installable.yml",
              false,
              declared.role(),
              "rollout (is " + service + " " + version + " installable)",
              vars,
              spec.ansible(),
              SecretHandoff.resolve(
                  spec,
                  new SecretResolver(env, store.generatedSecrets(spec.name())),
                  sshSecrets(spec.access().ssh())),
              Optional.of(spec),
              lease));
    }
  }

  private String memcachedVersion() {
    ProcessResult r =
        runner.run(
            ProcessSpec.of(
                "memcached",
                List.of(tools.memcached().toString(), "-V"),
                home,
                Duration.ofSeconds(30)));
    return r.stdout().strip().replaceFirst("^memcached ", "");
  }

  private dev.parity.toolchain.ToolInstaller builds() {
    return new dev.parity.toolchain.ToolInstaller(
        dev.parity.toolchain.Toolchain.pinned(),
        tools.toolCache(),
        runner,
        env,
        new dev.parity.toolchain.Doctor(
            dev.parity.toolchain.Toolchain.pinned(),
            tools.toolCache(),
            runner,
            env,
            home.resolve("terraform")),
        line -> {});
  }

  /** A run's results and whether anything changed (or, in check mode, would change). */
  public record Outcome(PlayResults results, boolean changed) {}

  /**
   * Runs site.yml (or, with check, its check mode: what would change).
   *
   * @param lease the command's lease of the environment
   */
  public Outcome configure(EnvironmentSpec spec, boolean check, String limit, Store.Lease lease) {
    spec.services().values().stream()
        .filter(s -> dev.parity.vars.ServiceKind.of(s.name()).isEmpty())
        .forEach(
            s ->
                console.accept(
                    "   warning: "
                        + s.name()
                        + " "
                        + s.version()
                        + " in "
                        + spec.name()
                        + ": "
                        + InstallSources.NOT_CONFIGURED
                            .formatted(s.name(), s.name())
                            .replaceFirst("^nowhere: ", "")
                            .replace("(warning: ", "(")));
    SecretHandoff secrets =
        SecretHandoff.resolve(spec, new SecretResolver(env, store.generatedSecrets(spec.name())));
    return run(
        new Play(
            spec.name(),
            "site.yml",
            check,
            limit,
            check ? "configure --check" : "configure",
            extraVars(spec, true),
            spec.ansible(),
            secrets,
            Optional.of(spec),
            lease));
  }

  /**
   * Stops the environment's services and removes their data (down.yml), from what was deployed: the
   * recorded inventory alone, so it works when the variable set no longer validates. Nothing of
   * another environment.
   *
   * @param spec the environment's variable set where it still validates: SSH nodes need its ssh
   *     settings and key; local nodes need nothing but the inventory
   * @return empty when nothing of the environment was ever deployed (no recorded inventory)
   */
  public Optional<Outcome> down(
      String environment, Optional<EnvironmentSpec> spec, Store.Lease lease) {
    return down(environment, spec, null, lease);
  }

  /**
   * The same for some of the environment's nodes only: those that leave its topology (a role scaled
   * down), before their resources are destroyed.
   *
   * @param hosts the nodes, as an Ansible --limit pattern (names joined with commas), or null for
   *     every node
   */
  public Optional<Outcome> down(
      String environment, Optional<EnvironmentSpec> spec, String hosts, Store.Lease lease) {
    if (!Files.isRegularFile(workDir.environment(environment).inventory())) {
      return Optional.empty();
    }
    ObjectNode vars = JSON.createObjectNode();
    vars.set("parity_runtime", runtime());
    return Optional.of(
        run(
            new Play(
                environment,
                "down.yml",
                false,
                hosts,
                "down",
                vars,
                spec.map(EnvironmentSpec::ansible).orElse(AnsibleSettings.DEFAULTS),
                // Stopping services needs no application secret: only what reaches SSH nodes (the
                // key, and the host keys when a secret holds them).
                spec.map(
                        s ->
                            SecretHandoff.resolve(
                                s,
                                new SecretResolver(env, store.generatedSecrets(environment)),
                                sshSecrets(s.access().ssh())))
                    .orElse(new SecretHandoff(Map.of())),
                spec,
                lease)));
  }

  /** The secrets an SSH connection needs: the private key and the known-hosts secret, if named. */
  private static java.util.Set<String> sshSecrets(EnvironmentSpec.Ssh ssh) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    if (ssh.privateKeySecret() != null) {
      names.add(ssh.privateKeySecret());
    }
    if (ssh.knownHostsSecret() != null) {
      names.add(ssh.knownHostsSecret());
    }
    return names;
  }

  /** One ansible-playbook run: which playbook, for which environment, with what. */
  private record Play(
      String environment,
      String playbook,
      boolean check,
      String limit,
      String command,
      ObjectNode extraVars,
      AnsibleSettings settings,
      SecretHandoff secrets,
      Optional<EnvironmentSpec> spec,
      Store.Lease lease) {}

  private Outcome run(Play play) {
    String name = play.environment();
    EnvironmentDir dir = workDir.environment(name);
    Path ansibleDir = dir.root().resolve("ansible");
    Path extraVars = ansibleDir.resolve("extra-vars.json");
    Path results = ansibleDir.resolve("results.jsonl");
    SshSession session = null;
    play.lease().requireHolds(name);
    try (RunLog log = RunLog.open(dir.logs().resolve("ansible.log"), console)) {
      if (!Files.isRegularFile(dir.inventory())) {
        throw new ParityException(
            "no inventory for "
                + name
                + ": run `parity plan --env "
                + name
                + "` and `parity apply --env "
                + name
                + "` first (the inventory is the engine's output)");
      }
      JsonNode tfInventory =
          dev.parity.inventory.InventoryContract.readRecorded(dir.inventory(), name).orElseThrow();
      Files.createDirectories(ansibleDir.resolve("tmp"));
      Path inventory = ansibleDir.resolve("inventory.json");
      List<JsonNode> sshNodes =
          Inventory.nodes(tfInventory).stream().filter(Inventory::isSsh).toList();
      EnvironmentSpec.Ssh ssh =
          play.spec().map(s -> s.access().ssh()).orElse(EnvironmentSpec.Ssh.DEFAULTS);
      if (!sshNodes.isEmpty()) {
        ssh =
            play.spec()
                .map(s -> s.access().ssh())
                .orElseThrow(
                    () ->
                        new ParityException(
                            name
                                + " has SSH nodes, and reaching them needs its variable set's ssh settings and"
                                + " key, but the variable set does not load; fix it first (parity validate --env "
                                + name
                                + ")"));
        session = openSsh(play, ssh, sshNodes, ansibleDir.resolve("ssh"));
      }
      ServiceUser user = ServiceUser.current(env);
      PrivateFiles.write(
          inventory,
          JSON.writerWithDefaultPrettyPrinter()
              .writeValueAsString(
                  Inventory.from(
                      tfInventory,
                      new Inventory.Access(
                          tools.python().toString(),
                          session == null ? null : session.config(),
                          ssh,
                          user.name(),
                          ServiceUser.isRoot()))));
      PrivateFiles.write(
          extraVars, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(play.extraVars()));
      Files.deleteIfExists(results);

      List<String> argv =
          new ArrayList<>(
              List.of(
                  tools.ansiblePlaybook().toString(),
                  "-i",
                  inventory.toString(),
                  "-e",
                  "@" + extraVars,
                  "--forks",
                  Integer.toString(play.settings().forks())));
      if (play.check()) {
        argv.addAll(List.of("--check", "--diff"));
      }
      if (play.limit() != null) {
        argv.addAll(List.of("--limit", play.limit()));
      }
      argv.add(home.resolve("playbooks").resolve(play.playbook()).toString());
      Map<String, String> toolEnv = new HashMap<>(ansibleEnvironment(ansibleDir, results));
      toolEnv.putAll(play.secrets().ansibleEnvironment());
      log.accept(
          "$ ansible-playbook "
              + play.playbook()
              + (play.check() ? " --check --diff" : "")
              + " ("
              + name
              + ")");
      ProcessResult r =
          runner.run(
              ProcessSpec.of(
                      "ansible-playbook",
                      argv,
                      home.resolve("playbooks"),
                      Duration.ofMinutes(play.settings().timeoutMinutes()))
                  .withEnvironment(toolEnv)
                  .withMasker(play.secrets().masker())
                  .streamingTo(line -> log.accept(("  " + line).stripTrailing())));
      PlayResults played = PlayResults.read(results);
      if (!r.succeeded() || !played.failed().isEmpty()) {
        throw new ParityException(
            describeFailure(
                play.playbook().equals("installable.yml")
                    ? "asking the nodes of " + name
                    : "configuration of " + name,
                r,
                played,
                session));
      }
      boolean changed = played.totalChanged() > 0 || !played.changed().isEmpty();
      return new Outcome(played, changed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (session != null) {
        session.close();
      }
      try {
        Files.deleteIfExists(extraVars);
      } catch (IOException ignored) {
        // 0600 in the environment's own directory; removed on the next run
      }
    }
  }

  /** The run's SSH files from the environment's key and known-hosts secrets. */
  private SshSession openSsh(
      Play play, EnvironmentSpec.Ssh ssh, List<JsonNode> sshNodes, Path dir) {
    EnvironmentSpec spec = play.spec().orElseThrow();
    if (ssh.privateKeySecret() == null) {
      throw new ParityException(
          spec.file()
              + ": ssh.private_key_secret: "
              + spec.name()
              + " has SSH nodes ("
              + sshNodes.get(0).path("name").asText()
              + ", ...); name the secret that holds their private key");
    }
    Map<String, String> values = play.secrets().values();
    return SshSession.open(
        dir,
        ssh,
        values.get(ssh.privateKeySecret()),
        ssh.knownHostsSecret() == null ? null : values.get(ssh.knownHostsSecret()),
        sshNodes,
        runner);
  }

  /**
   * @param withBuilds whether to fetch and pack the builds the nodes are pushed (not for a run that
   *     installs nothing)
   */
  private ObjectNode extraVars(EnvironmentSpec spec, boolean withBuilds) {
    ObjectNode vars = JSON.createObjectNode();
    vars.set("parity", ToolVars.ansibleValues(spec));
    // Where SSH nodes get each service's programs: Ansible's only (the module never installs them).
    spec.services()
        .values()
        .forEach(
            service -> {
              if (service.install() != null) {
                ObjectNode i =
                    ((ObjectNode) vars.path("parity").path("services").path(service.name()))
                        .putObject("install");
                i.put("package", service.install().packageName());
                i.put("repository", service.install().repository());
                i.put("bin_dir", service.install().binDir());
              }
            });
    // The developer tools this environment requires: how each is read and which package installs it
    // (Ansible's extra vars only: the Terraform module does not take them).
    var declared = ((ObjectNode) vars.get("parity")).putArray("tools");
    for (var tool : spec.requiredTools()) {
      var reader = dev.parity.vars.ToolReaders.of(tool);
      ObjectNode t = declared.addObject();
      t.put("name", tool.name());
      t.put("version", tool.version());
      t.set("read", JSON.valueToTree(reader.command()));
      t.put("regex", reader.version().pattern());
      t.set("roles", JSON.valueToTree(tool.roles()));
      t.put("package", dev.parity.devtools.DeclaredTools.pinned(tool));
      if (tool.fromToolCache() != null) {
        BuildArchive archive;
        try {
          archive = BuildArchive.ofTool(tools.toolCache().root(), tool.fromToolCache(), runner);
        } catch (ParityException e) {
          throw new ParityException(
              tool.position() + ": tools." + tool.name() + ".install: " + e.getMessage());
        }
        ObjectNode a = t.putObject("archive");
        a.put("path", archive.path().toString());
        a.put("sha256", archive.sha256());
        a.put("arch", archive.arch());
        a.put("dir", tool.installDir());
        a.put("bin", tool.bin());
      }
    }
    ObjectNode runtime = runtime();
    ServiceSpec postgresql = spec.services().get("postgresql");
    List<JsonNode> nodes = Inventory.recorded(workDir.environment(spec.name()), spec.name());
    if (withBuilds
        && postgresql != null
        && (postgresql.install() == null || nodes.stream().anyMatch(n -> !Inventory.isSsh(n)))) {
      // the declared build, fetched into the tool cache when it is not there yet, packed once,
      // pushed to each node and checked there
      builds()
          .ensurePostgresql(postgresql.version())
          .ifPresent(done -> console.accept("   " + done));
      BuildArchive archive =
          BuildArchive.of(tools.postgresqlBuilds(), postgresql.version(), runner);
      ObjectNode a = ((ObjectNode) runtime.get("tools")).putObject("postgresql_archive");
      a.put("path", archive.path().toString());
      a.put("sha256", archive.sha256());
      a.put("arch", archive.arch());
    }
    vars.set("parity_runtime", runtime);
    return vars;
  }

  /**
   * How the playbooks run services here: the service account and the tool builds they install from.
   */
  private ObjectNode runtime() {
    ObjectNode runtime = JSON.createObjectNode();
    ServiceUser user = ServiceUser.current(env);
    runtime.put("service_user", user.name());
    ObjectNode t = runtime.putObject("tools");
    t.put("postgresql", tools.postgresqlBuilds().toString());
    t.put("memcached", tools.memcached().toString());
    return runtime;
  }

  private Map<String, String> ansibleEnvironment(Path ansibleDir, Path results) {
    Path playbooks = home.resolve("playbooks");
    Map<String, String> e = new HashMap<>();
    e.put("ANSIBLE_ROLES_PATH", playbooks.resolve("roles").toString());
    e.put("ANSIBLE_CALLBACK_PLUGINS", playbooks.resolve("callback_plugins").toString());
    e.put("ANSIBLE_CALLBACKS_ENABLED", "parity_results");
    e.put("ANSIBLE_STDOUT_CALLBACK", "default");
    e.put("ANSIBLE_NOCOLOR", "1");
    e.put("ANSIBLE_FORCE_COLOR", "0");
    e.put("ANSIBLE_RETRY_FILES_ENABLED", "0");
    // Host keys are checked (the run's ssh_config says how); off, Ansible would pass
    // StrictHostKeyChecking=no and a changed key would only be warned about.
    e.put("ANSIBLE_HOST_KEY_CHECKING", "1");
    e.put("ANSIBLE_LOCAL_TEMP", ansibleDir.resolve("tmp").toString());
    e.put("ANSIBLE_REMOTE_TEMP", ansibleDir.resolve("tmp").toString());
    e.put("ANSIBLE_HOME", workDir.root().resolve("ansible-home").toString());
    e.put("ANSIBLE_LOCALHOST_WARNING", "0");
    e.put(
        "ANSIBLE_PIPELINING", "1"); // modules over stdin: faster, and no module files in temp dirs
    e.put("PARITY_RESULTS_FILE", results.toString());
    e.put("LC_ALL", "C.UTF-8");
    e.put("LANG", "C.UTF-8");
    return e;
  }

  /**
   * One failed task; a refused host key in parity's words, not OpenSSH's, and a node SSH cannot
   * reach said plainly (not "Broken pipe" or "Data could not be sent").
   */
  private static String describe(PlayResults.TaskResult t, SshSession session) {
    return java.util.Optional.ofNullable(session)
        .flatMap(s -> s.explainHostKey(t.host(), t.message()))
        .or(() -> unreachable(t))
        .orElseGet(
            () ->
                t.host()
                    + ": task '"
                    + t.task()
                    + "' "
                    + t.status()
                    + (t.message().isBlank()
                        ? ""
                        : ": " + t.message().strip().replaceAll("\\s+", " ")));
  }

  private static Optional<String> unreachable(PlayResults.TaskResult t) {
    if (!t.status().equals("unreachable")) {
      return Optional.empty();
    }
    java.util.regex.Matcher why =
        java.util.regex.Pattern.compile(
                "(Connection refused|Connection timed out|No route to host|Connection reset by peer"
                    + "|Permission denied \\([^)]*\\)|Host key verification failed|Could not"
                    + " resolve hostname [^:]+|Name or service not known)")
            .matcher(t.message());
    return Optional.of(
        t.host()
            + ": SSH does not reach it ("
            + (why.find() ? why.group(1) : "the connection failed or was cut")
            + "); the run stopped there. Check that its SSH server answers at the address the"
            + " module returns (parity status names nodes that serve but cannot be reached)");
  }

  /**
   * @param what the run, as the message names it ("configuration of dev")
   */
  private static String describeFailure(
      String what, ProcessResult r, PlayResults played, SshSession session) {
    List<PlayResults.TaskResult> failed = played.failed();
    if (failed.isEmpty()) {
      return r.failure().getMessage() + "\n(" + what + " did not finish)";
    }
    return what
        + " failed on "
        + failed.stream().map(PlayResults.TaskResult::host).distinct().count()
        + " host(s):\n"
        + failed.stream().map(t -> "  " + describe(t, session)).collect(Collectors.joining("\n"));
  }
}
