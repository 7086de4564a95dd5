package dev.parity.toolchain;

import dev.parity.process.PrivateFiles;
import dev.parity.process.ProcessResult;
import dev.parity.process.ProcessRunner;
import dev.parity.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A provider that a Terraform module requires, and whether the filesystem mirror holds it. The
 * engine is asked ({@code tofu providers}, after {@code tofu get} has resolved the module's own
 * modules): parity does not read HCL itself, so a nested block, a {@code .tf.json} file or a
 * provider required only by a child module is found exactly as the engine finds it. Nothing is
 * written into the module: the engine's data directory is a temporary one.
 *
 * @param source the fully qualified source address, e.g. "registry.opentofu.org/hashicorp/local"
 */
public record ProviderRequirement(String source) {
  /** One requirement line of {@code tofu providers}: {@code provider[host/namespace/type]}. */
  private static final Pattern REQUIREMENT = Pattern.compile("provider\\[([^\\]\\s]+)\\]");

  static final String DEFAULT_HOST = "registry.opentofu.org";

  private static final String BUILTIN = "terraform.io/builtin/";

  /** What the engine said: the requirements, or why it could not say. */
  public record Answer(List<ProviderRequirement> required, String failure) {}

  /** Asks the engine at {@code tofu} for the providers the module at {@code moduleDir} requires. */
  public static Answer ask(
      ProcessRunner runner, Path tofu, Path cliConfig, Path moduleDir, Duration timeout) {
    if (!Files.isDirectory(moduleDir)) {
      return new Answer(List.of(), null);
    }
    Path data = null;
    try {
      data = Files.createTempDirectory("parity-doctor-tofu");
      Map<String, String> env =
          Map.of("TF_DATA_DIR", data.toString(), "TF_CLI_CONFIG_FILE", cliConfig.toString());
      for (String command : List.of("get", "providers")) {
        ProcessResult result =
            runner.run(
                ProcessSpec.of(
                        "tofu",
                        List.of(
                            tofu.toString(),
                            "-chdir=" + moduleDir.toAbsolutePath(),
                            command,
                            "-no-color"),
                        moduleDir,
                        timeout)
                    .withEnvironment(env));
        if (!result.succeeded()) {
          return new Answer(
              List.of(), "tofu " + command + ": " + diagnostic(result.stderr() + result.stdout()));
        }
        if (command.equals("providers")) {
          return new Answer(parse(result.stdout()), null);
        }
      }
      throw new IllegalStateException("unreachable");
    } catch (IOException e) {
      return new Answer(List.of(), "cannot ask tofu: " + e.getMessage());
    } finally {
      if (data != null) {
        PrivateFiles.deleteTree(data);
      }
    }
  }

  /** The engine's first diagnostic lines (what failed and where), on one line. */
  private static String diagnostic(String output) {
    return String.join(
        " / ", output.lines().map(String::strip).filter(l -> !l.isEmpty()).limit(6).toList());
  }

  /**
   * The requirements in the tree {@code tofu providers} prints, each once, in order; providers
   * built into the engine ({@code terraform.io/builtin/...}) need no mirror and are left out.
   */
  static List<ProviderRequirement> parse(String tree) {
    List<ProviderRequirement> found = new ArrayList<>();
    Matcher m = REQUIREMENT.matcher(tree);
    while (m.find()) {
      if (!m.group(1).startsWith(BUILTIN)) {
        found.add(new ProviderRequirement(m.group(1)));
      }
    }
    return found.stream().distinct().toList();
  }

  /**
   * The mirror's directory for this provider: host/namespace/type, the layout of a packed
   * filesystem mirror.
   */
  public Path mirrorPath(Path mirror) {
    String[] parts = source.split("/");
    String qualified = parts.length == 3 ? source : DEFAULT_HOST + "/" + source;
    return mirror.resolve(qualified);
  }

  public boolean isMirrored(Path mirror) {
    Path dir = mirrorPath(mirror);
    try (Stream<Path> entries = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
      return entries.findAny().isPresent();
    } catch (IOException e) {
      return false;
    }
  }
}
