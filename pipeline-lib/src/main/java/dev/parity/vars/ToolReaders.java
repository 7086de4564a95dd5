package dev.parity.vars;

import dev.parity.text.BoundedMatch;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the live version of a developer tool is read: a command (argument list, no shell) and a regex
 * whose group 1 is the version. The common tools have built-in readers, checked against the real
 * output of the real programs (tests/resources/tool-output); a variable set gives its own for any
 * other tool.
 */
public final class ToolReaders {
  /** A command and what in its output is the version. */
  public record Reader(List<String> command, Pattern version) {
    /**
     * The version in the command's output (stdout and stderr together), if any; a regex that takes
     * longer than {@link BoundedMatch#DEFAULT} throws {@link BoundedMatch.TooSlow}.
     */
    public Optional<String> versionIn(String output) {
      return BoundedMatch.group1(version, output, BoundedMatch.DEFAULT);
    }
  }

  private static final String V = "(\\d+(?:\\.\\d+)+)";

  private static final Map<String, Reader> BUILT_IN =
      Map.of(
          "java", reader(List.of("java", "-version"), "version \"" + V),
          "node", reader(List.of("node", "--version"), "^v" + V),
          "psql", reader(List.of("psql", "--version"), "\\(PostgreSQL\\) " + V),
          "tofu", reader(List.of("tofu", "version"), "OpenTofu v" + V),
          "terraform", reader(List.of("terraform", "version"), "Terraform v" + V),
          "mvn", reader(List.of("mvn", "-v"), "Apache Maven " + V),
          "go", reader(List.of("go", "version"), "go version go" + V),
          "python3", reader(List.of("python3", "--version"), "Python " + V),
          "ansible", reader(List.of("ansible-playbook", "--version"), "\\[core " + V));

  private ToolReaders() {}

  private static Reader reader(List<String> command, String regex) {
    return new Reader(command, Pattern.compile(regex, Pattern.MULTILINE));
  }

  public static boolean knows(String tool) {
    return BUILT_IN.containsKey(tool);
  }

  /** The tool's own reader when the variable set gives one, else the built-in one. */
  public static Reader of(ToolSpec tool) {
    if (!tool.read().isEmpty()) {
      return new Reader(tool.read(), Pattern.compile(tool.regex(), Pattern.MULTILINE));
    }
    Reader r = BUILT_IN.get(tool.name());
    if (r == null) {
      throw new IllegalArgumentException("no reader for " + tool.name());
    }
    return r;
  }
}
