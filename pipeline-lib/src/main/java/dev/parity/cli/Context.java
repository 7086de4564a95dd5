package dev.parity.cli;

import dev.parity.process.ExecProcessRunner;
import dev.parity.process.ProcessRunner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every command gets from {@link Main}: where to print, the environment, the process runner,
 * and the parity home (the repository root with terraform/, playbooks/ and vars/).
 */
public record Context(
    PrintWriter out,
    PrintWriter err,
    Map<String, String> env,
    ProcessRunner runner,
    RunRecorder recorder) {

  public Context(PrintWriter out, PrintWriter err, Map<String, String> env) {
    this(out, err, env, new ExecProcessRunner(), new RunRecorder());
  }

  /**
   * Whether to colour output: only on a terminal, and never when NO_COLOR is set (no-color.org),
   * whatever its value.
   */
  public boolean colour() {
    return System.console() != null && !env.containsKey("NO_COLOR");
  }

  /**
   * Prints progress lines as they come, whole lines only (parallel environments share the console).
   */
  public java.util.function.Consumer<String> console() {
    return line -> {
      synchronized (out) {
        out.println(line);
        out.flush();
      }
    };
  }

  /**
   * The parity home: {@code PARITY_HOME}, else the {@code parity.home} system property (set by the
   * launcher), else the nearest directory upwards from the working directory that holds {@code
   * toolchain.properties}.
   */
  public Path home() {
    String fromEnv = env.get("PARITY_HOME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv).toAbsolutePath().normalize();
    }
    String prop = System.getProperty("parity.home");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    Path cwd = Path.of("").toAbsolutePath();
    for (Path p = cwd; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("toolchain.properties"))) {
        return p;
      }
    }
    return cwd;
  }
}
