package dev.parity.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.error.ParityException;
import dev.parity.inventory.InventoryContract;
import dev.parity.process.PrivateFiles;
import dev.parity.process.ProcessRunner;
import dev.parity.render.SecretHandoff;
import dev.parity.render.ToolVars;
import dev.parity.secret.SecretRef;
import dev.parity.secret.SecretResolver;
import dev.parity.secret.SshKeys;
import dev.parity.store.Store;
import dev.parity.text.SecretMasker;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.workdir.EnvironmentDir;
import dev.parity.workdir.NodeRoot;
import dev.parity.workdir.RunLog;
import dev.parity.workdir.WorkDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Plans and applies one environment: renders its variables, prepares its engine root and state,
 * saves the plan with its summary and fingerprint, and applies exactly that plan once its gates
 * pass.
 */
public final class Infrastructure {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path home;
  private final WorkDir workDir;
  private final Store store;
  private final ProcessRunner runner;
  private final Engine engine;
  private final Map<String, String> env;
  private final Consumer<String> console;
  private final Clock clock;
  // shared by the environments a parallel reconcile examines at once
  private final Map<Path, ModuleInterface> interfaces = new ConcurrentHashMap<>();

  /**
   * @param home the repository (terraform.module is relative to it)
   * @param env the process environment (secret references read from it)
   * @param console where progress and the engine's (masked) output go
   */
  public Infrastructure(
      Path home,
      WorkDir workDir,
      Store store,
      ProcessRunner runner,
      Engine engine,
      Map<String, String> env,
      Consumer<String> console,
      Clock clock) {
    this.home = home;
    this.workDir = workDir;
    this.store = store;
    this.runner = runner;
    this.engine = engine;
    this.env = env;
    this.console = console;
    this.clock = clock;
  }

  /**
   * The outcome of a plan: its summary and whether it would change anything (what a person approves
   * is the change set the summary is part of: pipeline/ChangeSets).
   */
  /**
   * @param attributes which attributes each update changes: read only when the environment expects
   *     some Terraform drift, else {@link ChangedAttributes#NONE}
   */
  public record PlanOutcome(
      PlanSummary summary,
      boolean hasChanges,
      PlanFingerprint fingerprint,
      ChangedAttributes attributes) {}

  /**
   * Plans the environment into its plan directory.
   *
   * @param lease the command's lease of the environment
   */
  public PlanOutcome plan(EnvironmentSpec spec, Store.Lease lease) {
    lease.requireHolds(spec.name());
    EnvironmentDir dir = workDir.environment(spec.name());
    try (RunLog log = RunLog.open(dir.logs().resolve("terraform.log"), console)) {
      // Rendered first: it reads the secrets the module's inputs need, so a missing one stops the
      // plan before anything is written.
      String tfvars = renderedVars(spec);
      Files.createDirectories(dir.planDir());
      Files.deleteIfExists(dir.planFile()); // a failed plan must not leave an older plan to apply
      Files.deleteIfExists(dir.planRecord());
      PrivateFiles.write(dir.tfvars(), tfvars);
      TerraformRunner tf = prepare(spec, dir, log);
      tf.init();
      List<String> lost = lostLabHosts(dir, spec.name());
      lost.forEach(
          address ->
              log.accept(
                  "lab host "
                      + address
                      + " is gone (its namespace was removed behind the engine's back): planned"
                      + " for replacement"));
      boolean changes = tf.plan(dir.tfvars(), dir.planFile(), lost);
      restrict(dir.planFile());
      boolean expectsTerraformDrift =
          spec.expectedDrift().stream()
              .anyMatch(e -> e.kind() == dev.parity.vars.ExpectedDrift.Kind.TERRAFORM);
      TerraformRunner.Shown shown = tf.show(dir.planFile(), expectsTerraformDrift);
      PlanSummary summary = shown.summary();
      ObjectNode record = JSON.createObjectNode();
      record.put("environment", spec.name());
      record.put("created", clock.instant().toString());
      record.put("engine", engine.binary().toString());
      PlanFingerprint fp = PlanFingerprint.of(tfvars, module(spec));
      record.put("vars_sha256", fp.vars());
      record.put("module_sha256", fp.module());
      record.set("summary", PlanSummaryText.tree(summary));
      PrivateFiles.write(dir.planRecord(), JSON.writeValueAsString(record) + "\n");
      boolean hasChanges = changes || summary.hasChanges();
      if (!hasChanges && !Files.isRegularFile(dir.inventory())) {
        // Deployed from another work dir (another Jenkins agent): the state is current, so its
        // output is this environment's inventory.
        writeInventory(spec, dir, tf);
      }
      return new PlanOutcome(summary, hasChanges, fp, shown.attributes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The outcome of an apply: the applied plan's stored summary, and the inventory output. */
  public record ApplyOutcome(
      JsonNode plannedSummary, JsonNode inventory, PlanFingerprint fingerprint) {}

  /**
   * Applies the saved plan; the gate has passed before this is called.
   *
   * @param lease the command's lease of the environment
   */
  public ApplyOutcome apply(EnvironmentSpec spec, boolean allowDestroy, Store.Lease lease) {
    return apply(spec, allowDestroy, lease, () -> {});
  }

  /**
   * The same, running {@code beforeApply} once every check has passed, right before the engine
   * applies (nodes that leave are stopped there, never for a plan that is then refused).
   */
  public ApplyOutcome apply(
      EnvironmentSpec spec, boolean allowDestroy, Store.Lease lease, Runnable beforeApply) {
    lease.requireHolds(spec.name());
    EnvironmentDir dir = workDir.environment(spec.name());
    try (RunLog log = RunLog.open(dir.logs().resolve("terraform.log"), console)) {
      if (!Files.isRegularFile(dir.planFile()) || !Files.isRegularFile(dir.planRecord())) {
        throw new ParityException(
            "no saved plan for "
                + spec.name()
                + ": run `parity plan --env "
                + spec.name()
                + "` first, review it, then apply");
      }
      JsonNode record = JSON.readTree(dir.planRecord().toFile());
      // read once for the fingerprint and the apply: the lab's host keys may live in the store
      java.util.Optional<java.util.SortedMap<String, String>> hostKeys = labHostKeysIfLab(spec);
      PlanFingerprint now = PlanFingerprint.of(renderedVars(spec, hostKeys), module(spec));
      if (!now.vars().equals(record.path("vars_sha256").asText())) {
        throw new ParityException(
            "the variable set of "
                + spec.name()
                + " changed since the plan was made ("
                + record.path("created").asText()
                + "); refusing to apply a plan that no longer matches it. Run "
                + "`parity plan --env "
                + spec.name()
                + "` again and review it.");
      }
      if (!now.module().equals(record.path("module_sha256").asText())) {
        throw new ParityException(
            "the Terraform module "
                + module(spec)
                + " changed since the plan was made ("
                + record.path("created").asText()
                + "); refusing to apply. Run `parity plan --env "
                + spec.name()
                + "` again and review it.");
      }
      Gates.check(spec, record.path("summary"), allowDestroy);
      TerraformRunner tf = prepare(spec, dir, log);
      beforeApply.run();
      applyWithLabHostKeys(hostKeys, dir, () -> tf.apply(dir.planFile()));
      Files.deleteIfExists(
          dir.planFile()); // applied; a plan file can hold secret values, keep it no longer
      JsonNode inventory = writeInventory(spec, dir, tf);
      return new ApplyOutcome(record.path("summary"), inventory, now);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode writeInventory(EnvironmentSpec spec, EnvironmentDir dir, TerraformRunner tf)
      throws IOException {
    JsonNode inventory = tf.outputs().path("inventory").path("value");
    InventoryContract.check(inventory, module(spec) + " (output \"inventory\")", spec.name());
    PrivateFiles.write(dir.inventory(), JSON.writeValueAsString(inventory) + "\n");
    dev.parity.workdir.Deployed.record(dir, spec.name(), spec.isProtected());
    return inventory;
  }

  /**
   * The lab hosts of the recorded inventory whose network namespace no longer exists: the engine
   * cannot see that (terraform_data does not read anything back), so parity asks for their
   * replacement, and the plan shows it as drift.
   */
  private static List<String> lostLabHosts(EnvironmentDir dir, String environment) {
    java.util.Optional<JsonNode> recorded =
        InventoryContract.readRecorded(dir.inventory(), environment);
    if (recorded.isEmpty()) {
      return List.of();
    }
    List<String> lost = new java.util.ArrayList<>();
    for (JsonNode node : recorded.get().path("nodes")) {
      JsonNode lab = node.path("lab");
      if (lab.isObject() && !Files.exists(Path.of("/run/netns", lab.path("namespace").asText()))) {
        lost.add(lab.path("resource").asText());
      }
    }
    return lost;
  }

  /**
   * Plans the destruction of what the environment's state holds ({@code plan -destroy -out}) with
   * the inputs of its last plan, as deployed, into the destroy plan file. With the variable set
   * (where it still validates) the module is prepared afresh and its secrets reach the engine;
   * without it, the prepared root of the last run is used as it is.
   *
   * @return the destroy plan's summary (every address it deletes)
   */
  public PlanSummary planDestroy(
      String environment, java.util.Optional<EnvironmentSpec> spec, Store.Lease lease) {
    lease.requireHolds(environment);
    EnvironmentDir dir = workDir.environment(environment);
    try (RunLog log = RunLog.open(dir.logs().resolve("terraform.log"), console)) {
      TerraformRunner tf = destroyRunner(environment, spec, dir, log);
      Files.deleteIfExists(dir.destroyPlanFile());
      tf.planDestroy(dir.tfvars(), dir.destroyPlanFile());
      restrict(dir.destroyPlanFile());
      return tf.show(dir.destroyPlanFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Applies exactly the destroy plan {@link #planDestroy} saved, then removes the recorded
   * inventory: the gate has passed before this is called.
   */
  public void applyDestroy(
      String environment, java.util.Optional<EnvironmentSpec> spec, Store.Lease lease) {
    lease.requireHolds(environment);
    EnvironmentDir dir = workDir.environment(environment);
    try (RunLog log = RunLog.open(dir.logs().resolve("terraform.log"), console)) {
      if (!Files.isRegularFile(dir.destroyPlanFile())) {
        throw new ParityException("no saved destroy plan for " + environment);
      }
      TerraformRunner tf = destroyRunner(environment, spec, dir, log);
      tf.apply(dir.destroyPlanFile());
      Files.deleteIfExists(dir.destroyPlanFile());
      Files.deleteIfExists(dir.inventory());
      // Nothing is left to destroy with these inputs: a second down says nothing is deployed.
      Files.deleteIfExists(dir.tfvars());
      dev.parity.workdir.Deployed.remove(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the environment has the inputs of a last plan to destroy with. */
  public boolean hasRecordedInputs(String environment) {
    EnvironmentDir dir = workDir.environment(environment);
    return Files.isRegularFile(dir.tfvars()) && Files.isDirectory(dir.terraformRoot());
  }

  private TerraformRunner destroyRunner(
      String environment, java.util.Optional<EnvironmentSpec> spec, EnvironmentDir dir, RunLog log)
      throws IOException {
    if (!hasRecordedInputs(environment)) {
      throw new ParityException(
          "nothing recorded to destroy for "
              + environment
              + " (no inputs of a last plan in "
              + dir.planDir()
              + ")");
    }
    if (spec.isPresent()) {
      TerraformRunner tf = prepare(spec.get(), dir, log);
      tf.init();
      return tf;
    }
    return new TerraformRunner(
        runner,
        engine,
        dir,
        environment,
        // state kept in the shared store is reached with the store's own credential
        store.stateConnStr().map(c -> Map.of("PG_CONN_STR", c)).orElse(Map.of()),
        SecretMasker.of(store.secretValues()),
        log,
        Duration.ofMinutes(60));
  }

  /**
   * The fingerprint of the engine root the environment was last prepared in: the module as
   * deployed, when the variable set no longer loads.
   */
  public String recordedModuleFingerprint(String environment) {
    Path root = workDir.environment(environment).terraformRoot();
    return Files.isDirectory(root)
        ? PlanFingerprint.moduleHash(root)
        : PlanFingerprint.sha256(new byte[0]);
  }

  /** The fingerprint of the environment's Terraform module (paths and contents of its files). */
  public String moduleFingerprint(EnvironmentSpec spec) {
    return PlanFingerprint.moduleHash(module(spec));
  }

  private TerraformRunner prepare(EnvironmentSpec spec, EnvironmentDir dir, RunLog log)
      throws IOException {
    Path module = module(spec);
    SecretResolver resolver = new SecretResolver(env, store.generatedSecrets(spec.name()));
    // Only what the engine uses: every secret when the module declares var.secrets, the state's
    // connection string for pg; nothing else is read.
    boolean moduleSecrets = moduleInterface(spec).declares("secrets");
    java.util.Set<String> needed =
        new java.util.TreeSet<>(moduleSecrets ? spec.secrets().keySet() : java.util.Set.of());
    String backendName = spec.terraform().backend();
    if (backendName.equals("pg")) {
      needed.add(spec.terraform().connStrSecret());
    }
    SecretHandoff secrets = SecretHandoff.resolve(spec, resolver, needed);
    Map<String, String> toolEnv = new HashMap<>();
    if (moduleSecrets) {
      toolEnv.putAll(secrets.terraformEnvironment());
    }
    ModuleRoot.Backend backend;
    if (backendName.equals("pg")) {
      String connStrSecret = spec.terraform().connStrSecret();
      toolEnv.put(
          "PG_CONN_STR",
          SecretResolver.requireOneLine(
              spec.secrets().get(connStrSecret),
              secrets.values().get(connStrSecret),
              "the pg backend's connection string"));
      backend = new ModuleRoot.PgBackend(spec.terraform().schemaName());
    } else if (backendName.equals("store")) {
      toolEnv.put(
          "PG_CONN_STR",
          store
              .stateConnStr()
              .orElseThrow(
                  () ->
                      new ParityException(
                          spec.name() + ": terraform.backend store needs the shared store")));
      backend = new ModuleRoot.PgBackend(spec.terraform().schemaName());
    } else {
      backend = new ModuleRoot.LocalBackend(dir.localState());
    }
    ModuleRoot.prepare(
        module,
        dir.terraformRoot(),
        moduleInterface(spec).ownBackend()
            ? java.util.Optional.empty()
            : java.util.Optional.of(backend));
    Files.createDirectories(dir.pluginCache());
    return new TerraformRunner(
        runner,
        engine,
        dir,
        spec.name(),
        toolEnv,
        SecretMasker.of(
            java.util.stream.Stream.concat(
                    secrets.values().values().stream(), store.secretValues().stream())
                .toList()),
        log,
        Duration.ofMinutes(spec.terraform().timeoutMinutes()));
  }

  /**
   * The variables the module gets: those of the environment's values it declares, plus where the
   * local stack keeps node data.
   */
  String renderedVars(EnvironmentSpec spec) {
    return renderedVars(spec, labHostKeysIfLab(spec));
  }

  /** The same, with the lab's host keys when the module is a lab (empty: it is not). */
  private String renderedVars(
      EnvironmentSpec spec, java.util.Optional<java.util.SortedMap<String, String>> hostKeys) {
    ObjectNode vars = ToolVars.values(spec);
    vars.put("node_root", NodeRoot.of(workDir, env).toString());
    hostKeys.ifPresent(keys -> vars.set("lab", labVars(spec, keys)));
    // only what the module declares: an undeclared input is an engine warning in every run
    vars.retain(moduleInterface(spec).variables());
    try {
      return JSON.writeValueAsString(vars) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The module's directory, which must lie inside the repository also after links are followed:
   * parity links every entry of it into the engine's root and fingerprints every file under it.
   */
  private Path module(EnvironmentSpec spec) {
    Path module = home.resolve(spec.terraform().module()).normalize();
    if (!Files.isDirectory(module)) {
      return module; // the engine steps name a missing module themselves
    }
    try {
      Path real = module.toRealPath();
      Path repository = home.toRealPath();
      if (!real.startsWith(repository) || real.equals(repository)) {
        throw new ParityException(
            spec.file()
                + ": terraform.module: '"
                + spec.terraform().module()
                + "' leads to "
                + real
                + ", which is not a directory inside the repository "
                + repository
                + "; point it at the module's own directory in the repository");
      }
      return module;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the module " + module, e);
    }
  }

  /**
   * What the lab module needs besides the variable set: this work dir's prefix (so two work dirs
   * never touch each other's hosts), the login user, and the public half of the environment's SSH
   * key, which the lab installs for that user.
   */
  private ObjectNode labVars(EnvironmentSpec spec, java.util.SortedMap<String, String> hostKeys) {
    String keySecret = spec.access().ssh().privateKeySecret();
    if (keySecret == null) {
      throw new ParityException(
          spec.file()
              + ": ssh.private_key_secret: the lab module ("
              + spec.terraform().module()
              + ") installs the environment's SSH key on its hosts; name the secret that holds it,"
              + " e.g. ssh: { private_key_secret: ssh_key } with secrets: { ssh_key: { generate:"
              + " true, kind: ssh-key } }");
    }
    SecretResolver resolver = new SecretResolver(env, store.generatedSecrets(spec.name()));
    String privateKey = resolver.resolve(spec.secrets().get(keySecret));
    String publicKey;
    try {
      publicKey = SshKeys.publicKeyOf(privateKey);
    } catch (IllegalArgumentException e) {
      throw new ParityException("secret '" + keySecret + "': " + e.getMessage());
    }
    ObjectNode lab = JSON.createObjectNode();
    lab.put("prefix", labPrefix(store.identity()));
    lab.put("login_user", spec.access().ssh().user());
    lab.put("ssh_public_key", publicKey);
    ObjectNode publicHalves = lab.putObject("host_keys");
    hostKeys.forEach((node, key) -> publicHalves.put(node, SshKeys.publicKeyOf(key)));
    lab.put("host_key_dir", labHostKeyDir(workDir.environment(spec.name())).toString());
    return lab;
  }

  /**
   * Each lab host's SSH host key, by node ("db-0"), generated once and kept with the environment's
   * generated secrets: the public half goes to the module, so the inventory's host_key comes from
   * the engine's state, never from a file the host wrote; the private half reaches the lab's script
   * only as a 0600 file for the length of an apply.
   */
  private java.util.Optional<java.util.SortedMap<String, String>> labHostKeysIfLab(
      EnvironmentSpec spec) {
    return moduleInterface(spec).declares("lab")
        ? java.util.Optional.of(labHostKeys(spec))
        : java.util.Optional.empty();
  }

  private java.util.SortedMap<String, String> labHostKeys(EnvironmentSpec spec) {
    var kept = store.generatedSecrets(spec.name());
    java.util.SortedMap<String, String> keys = new java.util.TreeMap<>();
    spec.topology()
        .forEach(
            (role, nodes) -> {
              for (int i = 0; i < nodes; i++) {
                String node = role + "-" + i;
                keys.put(
                    node,
                    kept.valueOf(
                        new SecretRef.Generated(
                            "lab_host_key." + node,
                            SecretRef.Kind.SSH_KEY,
                            spec.file() + ": topology." + role)));
              }
            });
    return keys;
  }

  private static Path labHostKeyDir(EnvironmentDir dir) {
    return dir.planDir().resolve("lab-host-keys");
  }

  /** Runs the apply with the lab's host keys in place for its script, and removes them after. */
  private static void applyWithLabHostKeys(
      java.util.Optional<java.util.SortedMap<String, String>> hostKeys,
      EnvironmentDir dir,
      Runnable apply)
      throws IOException {
    if (hostKeys.isEmpty()) {
      apply.run();
      return;
    }
    Path keys = labHostKeyDir(dir);
    try {
      PrivateFiles.createDirectory(keys);
      for (var e : hostKeys.get().entrySet()) {
        PrivateFiles.write(keys.resolve(e.getKey()), e.getValue() + "\n");
      }
      apply.run();
    } finally {
      PrivateFiles.deleteTree(keys);
    }
  }

  /**
   * "p" and 7 hex digits of the work dir's path: a lab name prefix unique to this work dir (the lab
   * of a shared store is named after the store instead, so every agent plans the same hosts).
   */
  public static String labPrefix(WorkDir workDir) {
    return labPrefix(workDir.root().toString());
  }

  public static String labPrefix(String storeIdentity) {
    try {
      byte[] hash =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(storeIdentity.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "p" + java.util.HexFormat.of().formatHex(hash).substring(0, 7);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the environment's module declares, asked of the engine once per module per command. */
  private ModuleInterface moduleInterface(EnvironmentSpec spec) {
    return interfaces.computeIfAbsent(
        module(spec), module -> ModuleInterface.ask(runner, engine, module));
  }

  private static void restrict(Path file) throws IOException {
    if (Files.exists(file)) {
      Files.setPosixFilePermissions(
          file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }
  }
}
