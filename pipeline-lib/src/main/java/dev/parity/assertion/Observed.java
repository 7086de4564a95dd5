package dev.parity.assertion;

import dev.parity.text.Names;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.ServiceSpec;
import dev.parity.vars.YamlNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An environment as its live services show it: the declared spec with each service's version
 * replaced by the lowest version its reachable nodes report, and each role's count by the nodes
 * found. {@code parity status} judges these with the same rules as {@code parity check}. A service
 * no node answered for is left out (and so reported missing).
 */
public final class Observed {
  private Observed() {}

  public static EnvironmentSpec spec(EnvironmentSpec declared, EnvironmentAssertions live) {
    Map<String, TreeSet<String>> versions = new TreeMap<>();
    Map<String, Integer> topology = new TreeMap<>(declared.topology());
    for (AssertionResult r : live.results()) {
      if (r.check().equals("version")
          && !r.observed().equals(AssertionResult.UNREACHABLE)
          && Names.VERSION.matcher(r.observed()).matches()) {
        versions
            .computeIfAbsent(r.service(), s -> new TreeSet<>(Observed::compare))
            .add(r.observed());
      } else if (r.check().equals("node-count")) {
        topology.put(r.node(), Integer.parseInt(r.observed()));
      }
    }
    TreeMap<String, ServiceSpec> services = new TreeMap<>();
    TreeMap<String, YamlNode.Scalar> leaves = new TreeMap<>(declared.leaves());
    declared
        .services()
        .forEach(
            (name, s) -> {
              leaves.remove("services." + name + ".version");
              if (versions.containsKey(name)) {
                String v = versions.get(name).first();
                services.put(
                    name,
                    new ServiceSpec(
                        name,
                        v,
                        s.role(),
                        s.port(),
                        s.settings(),
                        s.probe(),
                        s.install(),
                        s.position(),
                        s.replication()));
                leaves.put(
                    "services." + name + ".version",
                    new YamlNode.Scalar(s.position(), v, YamlNode.ScalarType.STRING));
              } else {
                leaves.keySet().removeIf(k -> k.startsWith("services." + name + "."));
              }
            });
    // Tools as they were found: the oldest version a node reports (a tool no node has is left out,
    // as its failed assertion already says).
    TreeMap<String, dev.parity.vars.ToolSpec> tools = new TreeMap<>();
    declared
        .tools()
        .forEach(
            (name, t) -> {
              TreeSet<String> seen = versions.get("tool: " + name);
              if (seen != null && !seen.isEmpty()) {
                tools.put(name, t.withVersion(seen.first()));
              }
            });
    topology.forEach(
        (role, n) ->
            leaves.put(
                "topology." + role,
                new YamlNode.Scalar(
                    declared.file() == null
                        ? null
                        : new dev.parity.vars.Position(declared.file(), 1, 1),
                    n.toString(),
                    YamlNode.ScalarType.INT)));
    return new EnvironmentSpec(
        declared.name(),
        declared.file(),
        declared.project(),
        declared.isProtected(),
        services,
        new TreeMap<>(topology),
        declared.sizing(),
        declared.portOffset(),
        declared.bindAddress(),
        declared.terraform(),
        declared.ansible(),
        declared.secrets(),
        leaves,
        declared.access(),
        tools,
        declared.expectedDrift());
  }

  private static int compare(String a, String b) {
    return dev.parity.check.Version.parse(a).compareTo(dev.parity.check.Version.parse(b));
  }
}
