package dev.parity.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.error.ParityException;
import dev.parity.process.JsonStdout;
import dev.parity.process.PrivateFiles;
import dev.parity.process.ProcessResult;
import dev.parity.process.ProcessRunner;
import dev.parity.process.ProcessSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a team's Terraform module declares that parity must know before it runs the engine: its root
 * variables (whether it takes {@code var.secrets}, whether it is a lab) and whether it brings its
 * own backend. The engine reads the module ({@code tofu show -json -module=DIR}, OpenTofu 1.11 and
 * later), so {@code .tf.json}, {@code .tofu} files and any layout parse exactly as they will at
 * plan time: parity reads no HCL itself.
 *
 * <p>Whether the module has a backend the engine decides too: the module is read beside the backend
 * file parity would write, and the engine's "Duplicate backend configuration" means the module has
 * one of its own.
 *
 * @param variables the names of the root module's variables
 * @param ownBackend whether the module declares its own backend (then parity writes none)
 */
public record ModuleInterface(Set<String> variables, boolean ownBackend) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final List<String> CONFIG_SUFFIXES =
      List.of(".tf", ".tf.json", ".tofu", ".tofu.json");
  static final String DUPLICATE_BACKEND = "Duplicate backend configuration";
  private static final String NO_MODULE_FLAG = "flag provided but not defined: -module";

  public ModuleInterface {
    variables = Set.copyOf(variables);
  }

  public boolean declares(String variable) {
    return variables.contains(variable);
  }

  /**
   * Asks the engine's module reader about {@code module}; a module the engine cannot read is an
   * error naming the module and the engine's own diagnostic.
   */
  public static ModuleInterface ask(ProcessRunner runner, Engine engine, Path module) {
    if (!Files.isDirectory(module)) {
      throw new ParityException(
          "the Terraform module " + module + " does not exist (terraform.module in the var set)");
    }
    Path probe = null;
    try {
      probe = Files.createTempDirectory("parity-module-");
      linkConfiguration(module, probe);
      Path backend = probe.resolve(ModuleRoot.BACKEND_FILE);
      Files.writeString(backend, "terraform {\n  backend \"local\" {}\n}\n");
      JsonStdout.Result withParityBackend = show(runner, engine, probe);
      if (withParityBackend.json() != null) {
        return new ModuleInterface(variables(withParityBackend.json(), module), false);
      }
      ProcessResult failed = withParityBackend.process();
      if (!(failed.stderr() + failed.stdout()).contains(DUPLICATE_BACKEND)) {
        throw unreadable(engine, module, failed);
      }
      Files.delete(backend);
      JsonStdout.Result alone = show(runner, engine, probe);
      if (alone.json() == null) {
        throw unreadable(engine, module, alone.process());
      }
      return new ModuleInterface(variables(alone.json(), module), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Terraform module " + module, e);
    } finally {
      if (probe != null) {
        PrivateFiles.deleteTree(probe);
      }
    }
  }

  /** The module's configuration files, linked (never copied) into the probe directory. */
  private static void linkConfiguration(Path module, Path probe) throws IOException {
    try (Stream<Path> entries = Files.list(module)) {
      for (Path p : entries.toList()) {
        String name = p.getFileName().toString();
        if (Files.isRegularFile(p)
            && !name.equals(ModuleRoot.BACKEND_FILE)
            && CONFIG_SUFFIXES.stream().anyMatch(name::endsWith)) {
          Files.createSymbolicLink(probe.resolve(name), p.toAbsolutePath());
        }
      }
    }
  }

  /** The module's description, read whole from a file beside the probe's configuration. */
  private static JsonStdout.Result show(ProcessRunner runner, Engine engine, Path probe) {
    return JsonStdout.run(
        runner,
        ProcessSpec.of(
                engine.name(),
                List.of(
                    engine.reader().toString(),
                    "-chdir=" + probe,
                    "show",
                    "-json",
                    "-no-color",
                    "-module=."),
                probe,
                TIMEOUT)
            .withEnvironment(
                Map.of(
                    "TF_CLI_CONFIG_FILE",
                    engine.cliConfig().toString(),
                    "TF_DATA_DIR",
                    probe.resolve(".data").toString(),
                    "TF_IN_AUTOMATION",
                    "1")),
        probe.resolve(".module.json"));
  }

  private static Set<String> variables(JsonNode doc, Path module) {
    JsonNode root = doc == null ? null : doc.get("root_module");
    if (root == null || !root.isObject()) {
      throw new ParityException(
          "the engine's description of the Terraform module "
              + module
              + " has no root_module; parity does not guess what the module declares");
    }
    Set<String> names = new TreeSet<>();
    root.path("variables").fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static ParityException unreadable(Engine engine, Path module, ProcessResult result) {
    String output = result.stderr() + result.stdout();
    if (output.contains(NO_MODULE_FLAG)) {
      return new ParityException(
          engine.reader()
              + " cannot describe a module (`show -json -module` needs OpenTofu 1.11 or later);"
              + " parity asks the pinned OpenTofu when it is installed: run ./parity tools install");
    }
    return new ParityException(
        "the Terraform module "
            + module
            + " does not load: "
            + String.join(
                " / ",
                output.lines().map(String::strip).filter(l -> !l.isEmpty()).limit(8).toList()));
  }
}
