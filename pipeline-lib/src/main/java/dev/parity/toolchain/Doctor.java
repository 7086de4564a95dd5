package dev.parity.toolchain;

import dev.parity.process.ProcessRunner;
import dev.parity.process.ProcessSpec;
import dev.parity.process.ToolNotFoundException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Checks that every pinned tool is in place and reports each with its version, location and fix.
 */
public final class Doctor {
  private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);

  private final Toolchain toolchain;
  private final ToolCache cache;
  private final ProcessRunner runner;
  private final Map<String, String> env;
  private final Path terraformDir;

  public Doctor(
      Toolchain toolchain,
      ToolCache cache,
      ProcessRunner runner,
      Map<String, String> env,
      Path terraformDir) {
    this.toolchain = toolchain;
    this.cache = cache;
    this.runner = runner;
    this.env = env;
    this.terraformDir = terraformDir;
  }

  public List<ToolCheck> checkAll() {
    List<ToolCheck> checks = new ArrayList<>();
    checks.add(java());
    for (ToolDescriptor d : ToolDescriptor.all(toolchain, cache)) {
      ToolCheck found = check(d);
      checks.add(found);
      if (d.name().equals("opentofu")) {
        checks.add(providers(d, found));
      }
    }
    checks.add(serviceUser());
    checks.add(lab());
    return checks;
  }

  /**
   * Whether this machine can host lab hosts (network namespaces, one sshd each): a failure only
   * where a variable set uses the lab module, else a note.
   */
  ToolCheck lab() {
    String why = labUnavailable();
    boolean used = labUsed();
    if (why == null) {
      return ToolCheck.ok("lab hosts", "-", "can host", "network namespaces, sshd, sudo");
    }
    if (!used) {
      return ToolCheck.ok(
          "lab hosts", "-", "not used by vars/", "this machine cannot host a lab: " + why);
    }
    return ToolCheck.bad(
        "lab hosts",
        "-",
        null,
        "this machine",
        "cannot host the lab that vars/ uses: " + why,
        ServiceUser.isRoot()
            ? ToolDescriptor.INSTALL
                + "   (runs: apt-get install "
                + String.join(" ", ToolInstaller.LAB_PACKAGES)
                + ")"
            : "run parity as root (the lab makes network namespaces and starts an sshd per host)");
  }

  private String labUnavailable() {
    if (!ServiceUser.isRoot()) {
      return "not root";
    }
    for (String program :
        List.of("/usr/sbin/sshd", "/usr/bin/sudo", "/usr/sbin/ip", "/usr/bin/setfacl")) {
      if (!Files.isExecutable(Path.of(program))) {
        return program + " is missing";
      }
    }
    String probe = "parity-doctor-" + ProcessHandle.current().pid();
    var added =
        runner.run(
            ProcessSpec.of(
                "ip", List.of("ip", "netns", "add", probe), Path.of("/"), VERSION_TIMEOUT));
    if (!added.succeeded()) {
      return "no right to make network namespaces ("
          + String.join(" ", added.tail(1)).strip()
          + ")";
    }
    runner.run(
        ProcessSpec.of("ip", List.of("ip", "netns", "del", probe), Path.of("/"), VERSION_TIMEOUT));
    return null;
  }

  /** Whether a variable file next to the module names the lab module. */
  private boolean labUsed() {
    Path vars = terraformDir.toAbsolutePath().getParent().resolve("vars");
    try (var files = Files.list(vars)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yml")).toList()) {
        if (Files.size(f) < 1 << 20 && Files.readString(f).contains("terraform/lab")) {
          return true;
        }
      }
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return false;
    }
    return false;
  }

  /** Checks one tool: installed completely, runnable, and reporting the pinned version. */
  public ToolCheck check(ToolDescriptor d) {
    Optional<Path> program = resolve(d.program());
    if (program.isEmpty()) {
      String where = d.program().isAbsolute() ? d.program().toString() : "PATH";
      return ToolCheck.bad(d.name(), d.pinned(), null, where, "not found", d.fix());
    }
    Path path = program.get();
    if (d.installDir() != null && !ToolCache.isComplete(d.installDir(), d.pinned())) {
      return ToolCheck.bad(
          d.name(),
          d.pinned(),
          null,
          path.toString(),
          "install did not finish (no marker in " + d.installDir() + ")",
          d.fix());
    }
    List<String> argv = new ArrayList<>();
    argv.add(path.toString());
    argv.addAll(d.versionArgs());
    String output;
    try {
      var result = runner.run(ProcessSpec.of(d.name(), argv, Path.of("."), VERSION_TIMEOUT));
      if (!result.succeeded()) {
        return ToolCheck.bad(
            d.name(),
            d.pinned(),
            null,
            path.toString(),
            "does not run: " + String.join(" / ", result.tail(2)),
            d.fix());
      }
      output = result.stdout() + result.stderr();
    } catch (ToolNotFoundException e) {
      return ToolCheck.bad(
          d.name(), d.pinned(), null, path.toString(), "cannot be started", d.fix());
    }
    Matcher m = d.versionRegex().matcher(output);
    if (!m.find()) {
      return ToolCheck.bad(
          d.name(),
          d.pinned(),
          null,
          path.toString(),
          "unrecognised version output: " + output.lines().findFirst().orElse(""),
          d.fix());
    }
    String found = m.group(1);
    if (!found.equals(d.expected())) {
      return ToolCheck.bad(d.name(), d.pinned(), found, path.toString(), "wrong version", d.fix());
    }
    return ToolCheck.ok(d.name(), d.pinned(), found, path.toString());
  }

  private ToolCheck java() {
    int feature = Runtime.version().feature();
    String home = System.getProperty("java.home");
    if (feature < 17) {
      return ToolCheck.bad(
          "java",
          "17+",
          Runtime.version().toString(),
          home,
          "Java 17 or newer is required",
          "apt-get install -y openjdk-17-jdk-headless");
    }
    return ToolCheck.ok("java", "17+", Runtime.version().toString(), home);
  }

  /** The providers the module requires, as the engine itself lists them, against the mirror. */
  private ToolCheck providers(ToolDescriptor tofu, ToolCheck tofuFound) {
    Path mirror = cache.providerMirror();
    if (!tofuFound.ok()) {
      return ToolCheck.bad(
          "providers",
          "-",
          null,
          terraformDir.toString(),
          "not listed: the engine that lists them is not usable (above)",
          tofu.fix());
    }
    ProviderRequirement.Answer answer =
        ProviderRequirement.ask(
            runner, tofu.program(), cache.cliConfig(), terraformDir, Duration.ofMinutes(2));
    if (answer.failure() != null) {
      return ToolCheck.bad(
          "providers",
          "-",
          null,
          terraformDir.toString(),
          "the engine could not list the module's providers: " + answer.failure(),
          "fix the module (tofu -chdir=" + terraformDir + " providers shows the same)");
    }
    List<ProviderRequirement> required = answer.required();
    if (required.isEmpty()) {
      return ToolCheck.ok(
          "providers",
          "-",
          "none needed",
          terraformDir.getFileName() + "/ uses built-in resources only; mirror " + mirror);
    }
    List<String> missing =
        required.stream()
            .filter(r -> !r.isMirrored(mirror))
            .map(ProviderRequirement::source)
            .toList();
    String names = required.stream().map(ProviderRequirement::source).toList().toString();
    if (!missing.isEmpty()) {
      return ToolCheck.bad(
          "providers",
          names,
          null,
          mirror.toString(),
          "not in the filesystem mirror: " + missing,
          "place each provider's zip under "
              + mirror
              + "/<host>/<namespace>/<type>/ (see README, providers)");
    }
    return ToolCheck.ok("providers", names, "mirrored", mirror.toString());
  }

  private ToolCheck serviceUser() {
    ServiceUser user = ServiceUser.current(env);
    if (!user.switchTo()) {
      return ToolCheck.ok("service user", "-", user.name(), "services run as the invoking user");
    }
    try {
      var result =
          runner.run(
              ProcessSpec.of(
                  "id", List.of("id", "-u", user.name()), Path.of("."), VERSION_TIMEOUT));
      if (result.succeeded()) {
        return ToolCheck.ok(
            "service user",
            user.name(),
            "uid " + result.stdout().strip(),
            "services run as " + user.name() + " (PostgreSQL refuses root)");
      }
    } catch (ToolNotFoundException e) {
      // fall through: without `id` we cannot tell, so report it missing with the fix
    }
    return ToolCheck.bad(
        "service user",
        user.name(),
        null,
        "/etc/passwd",
        "account does not exist",
        ToolDescriptor.INSTALL + "   (runs: " + String.join(" ", user.createCommand()) + ")");
  }

  private Optional<Path> resolve(Path program) {
    if (program.isAbsolute()) {
      return Files.isExecutable(program) ? Optional.of(program) : Optional.empty();
    }
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir).resolve(program);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The report, one line per tool, aligned. */
  public static String format(List<ToolCheck> checks) {
    int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(10);
    StringBuilder sb = new StringBuilder();
    for (ToolCheck c : checks) {
      String name = String.format("%-" + width + "s", c.name());
      if (c.ok()) {
        sb.append("ok       ")
            .append(name)
            .append("  ")
            .append(c.found())
            .append("  (pinned ")
            .append(c.pinned())
            .append(")  ")
            .append(c.location())
            .append('\n');
      } else {
        sb.append(c.found() == null ? "MISSING  " : "WRONG    ")
            .append(name)
            .append("  ")
            .append(c.found() == null ? "-" : c.found())
            .append("  (pinned ")
            .append(c.pinned())
            .append(")  ")
            .append(c.location())
            .append(": ")
            .append(c.problem())
            .append('\n')
            .append(" ".repeat(11 + width))
            .append("fix: ")
            .append(c.fix())
            .append('\n');
      }
    }
    return sb.toString();
  }
}
