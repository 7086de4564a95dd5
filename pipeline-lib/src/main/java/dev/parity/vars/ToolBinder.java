package dev.parity.vars;

import static dev.parity.vars.YamlValues.optionalMap;
import static dev.parity.vars.YamlValues.strings;
import static dev.parity.vars.YamlValues.text;
import static dev.parity.vars.YamlValues.textOr;

import dev.parity.vars.YamlNode.Entry;
import dev.parity.vars.YamlNode.YamlMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Binds the tools section. */
final class ToolBinder {
  private final Problems problems;

  ToolBinder(Problems problems) {
    this.problems = problems;
  }

  /** The tools section: each tool's version, where it is required, how to read and install it. */
  SortedMap<String, ToolSpec> tools(YamlMap m, Map<String, Integer> topology) {
    SortedMap<String, ToolSpec> tools = new TreeMap<>();
    YamlMap section = optionalMap(m, "tools");
    if (section == null) {
      return tools;
    }
    for (Entry e : section.entries().values()) {
      YamlMap t = (YamlMap) e.value();
      if (t.get("version") == null) {
        problems.add(new VarProblem(t.position(), "tools." + e.key() + ".version", "missing"));
        continue;
      }
      List<String> roles = strings(t.get("roles"));
      for (String role : roles) {
        if (!topology.containsKey(role)) {
          problems.add(
              new VarProblem(
                  t.get("roles").position(),
                  "tools." + e.key() + ".roles",
                  "role '" + role + "' has no entry in topology"));
        }
      }
      YamlMap read = optionalMap(t, "read");
      YamlMap install = optionalMap(t, "install");
      List<String> command = read == null ? List.of() : strings(read.get("command"));
      if (read == null && !ToolReaders.knows(e.key())) {
        problems.add(
            new VarProblem(
                t.position(),
                "tools." + e.key() + ".read",
                "parity has no built-in reader for "
                    + e.key()
                    + "; give read: { command: [...], regex: '...' }"));
      }
      if (read != null
          && read.get("command") != null
          && (command.isEmpty() || command.get(0).isBlank())) {
        problems.add(
            new VarProblem(
                read.get("command").position(),
                "tools." + e.key() + ".read.command",
                "needs the program to run, then its arguments, e.g. [mytool, --version]"));
      }
      String packageName = install == null ? null : textOr(install, "package", null);
      String fromToolCache = install == null ? null : textOr(install, "from_tool_cache", null);
      String bin = install == null ? null : textOr(install, "bin", null);
      if (install != null && (packageName == null) == (fromToolCache == null)) {
        problems.add(
            new VarProblem(
                install.position(),
                "tools." + e.key() + ".install",
                "give one of package or from_tool_cache"));
      }
      if (bin != null && fromToolCache == null) {
        problems.add(
            new VarProblem(
                install.get("bin").position(),
                "tools." + e.key() + ".install.bin",
                "names the program inside from_tool_cache; there is none"));
      }
      tools.put(
          e.key(),
          new ToolSpec(
              e.key(),
              text(t.get("version")),
              strings(t.get("environments")),
              roles,
              command,
              read == null ? null : textOr(read, "regex", null),
              packageName,
              fromToolCache,
              bin,
              t.get("version").position()));
    }
    return tools;
  }
}
