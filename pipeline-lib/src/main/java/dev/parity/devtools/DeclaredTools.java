package dev.parity.devtools;

import dev.parity.process.ProcessResult;
import dev.parity.process.ProcessRunner;
import dev.parity.process.ProcessSpec;
import dev.parity.process.ToolNotFoundException;
import dev.parity.text.BoundedMatch;
import dev.parity.text.ShellWords;
import dev.parity.toolchain.ToolCache;
import dev.parity.toolchain.Toolchain;
import dev.parity.vars.ToolReaders;
import dev.parity.vars.ToolSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The developer tools a variable set declares, read on this machine (a developer's own, or a CI
 * agent): found or missing, at the declared version or another, and the exact command that fixes
 * each. A program is looked up on PATH; OpenTofu and ansible-core also in parity's tool cache,
 * where {@code parity tools install} puts the pinned ones.
 */
public final class DeclaredTools {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

  /** One tool on this machine. */
  public record Status(ToolSpec tool, String found, String path, String fix) {
    public boolean ok() {
      return found != null && tool.metBy(found);
    }
  }

  private final ProcessRunner runner;
  private final Map<String, String> env;

  public DeclaredTools(ProcessRunner runner, Map<String, String> env) {
    this.runner = runner;
    this.env = env;
  }

  public List<Status> check(List<ToolSpec> tools) {
    List<Status> statuses = new ArrayList<>();
    for (ToolSpec tool : tools) {
      ToolReaders.Reader reader = ToolReaders.of(tool);
      Optional<Path> program = locate(reader.command().get(0));
      String found = null;
      String unreadable = null;
      if (program.isPresent()) {
        List<String> argv = new ArrayList<>(reader.command());
        argv.set(0, program.get().toString());
        try {
          ProcessResult r =
              runner.run(
                  ProcessSpec.of(tool.name(), argv, Path.of(".").toAbsolutePath(), READ_TIMEOUT)
                      .withEnvironment(Map.of("TF_CLI_CONFIG_FILE", "/dev/null")));
          found = reader.versionIn(r.stdout() + "\n" + r.stderr()).orElse(null);
        } catch (ToolNotFoundException e) {
          found = null;
        } catch (BoundedMatch.TooSlow e) {
          unreadable = e.getMessage();
        }
      }
      statuses.add(
          new Status(
              tool,
              found,
              program.map(Path::toString).orElse(null),
              unreadable != null
                  ? "fix tools." + tool.name() + ".read.regex: " + unreadable
                  : fix(tool, ToolCache.fromEnvironment(env).root())));
    }
    return statuses;
  }

  /** The package pinned to the declared version ("maven=3.9*"), or null when none is named. */
  public static String pinned(ToolSpec tool) {
    if (tool.packageName() == null) {
      return null;
    }
    return tool.packageName().contains("=")
        ? tool.packageName()
        : tool.packageName() + "=" + tool.version() + "*";
  }

  /** The exact command that installs the declared version (a tool cache at {@code cache}). */
  static String fix(ToolSpec tool, Path cache) {
    // a shell comment: pasting the whole line runs exactly the command before it
    String asRoot = "   # or, as root: parity configure --env local";
    if (tool.packageName() != null) {
      return "sudo apt-get install -y " + ShellWords.quote(pinned(tool)) + asRoot;
    }
    if (tool.fromToolCache() != null) {
      Path source = cache.resolve(tool.fromToolCache());
      String dir = tool.installDir();
      String unpack =
          Files.isDirectory(source)
              ? "sudo cp -a " + ShellWords.quote(source + "/.") + " " + ShellWords.quote(dir)
              : "sudo tar -xzf "
                  + ShellWords.quote(source.toString())
                  + " -C "
                  + ShellWords.quote(dir);
      return "sudo mkdir -p "
          + ShellWords.quote(dir)
          + " && "
          + unpack
          + " && sudo ln -sfn "
          + ShellWords.quote(dir + "/" + tool.bin())
          + " "
          + ShellWords.quote("/usr/local/bin/" + tool.name())
          + asRoot;
    }
    if (tool.name().equals("tofu") || tool.name().equals("ansible")) {
      return "./parity tools install";
    }
    return "install " + tool.name() + " " + tool.version() + " (the variable set names no package)";
  }

  /** The program on PATH, else (OpenTofu, ansible-core) in parity's tool cache. */
  Optional<Path> locate(String program) {
    if (program.contains("/")) {
      Path p = Path.of(program);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return Optional.of(Path.of(dir, program));
      }
    }
    // Go's own installer puts it here, outside the default PATH (go.dev/doc/install).
    if (program.equals("go") && Files.isExecutable(Path.of("/usr/local/go/bin/go"))) {
      return Optional.of(Path.of("/usr/local/go/bin/go"));
    }
    // The pinned OpenTofu and ansible-core that parity itself runs.
    return ToolCache.fromEnvironment(env).program(program, Toolchain.pinned());
  }

  /** One screen: each tool's state and, where it is not right, the command that fixes it. */
  public static String format(String environment, List<Status> statuses) {
    StringBuilder sb =
        new StringBuilder("Developer tools ")
            .append(environment)
            .append(" requires, on this machine:\n");
    for (Status s : statuses) {
      String state = s.found() == null ? "MISSING" : s.ok() ? "OK" : "WRONG";
      sb.append(String.format("%-8s %-10s %s wanted", state, s.tool().name(), s.tool().version()));
      if (s.found() != null) {
        sb.append(", ").append(s.found()).append(" found (").append(s.path()).append(')');
      }
      sb.append('\n');
      if (!s.ok()) {
        sb.append("         fix: ").append(s.fix()).append('\n');
      }
    }
    long wrong = statuses.stream().filter(s -> !s.ok()).count();
    sb.append(
        wrong == 0
            ? "all " + statuses.size() + " declared tools at their versions\n"
            : wrong + " of " + statuses.size() + " declared tools missing or on another version\n");
    return sb.toString();
  }
}
