package dev.parity.check;

import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.Position;
import dev.parity.vars.ServiceSpec;
import dev.parity.vars.YamlNode.Scalar;
import dev.parity.vars.YamlNode.ScalarType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds environment specs in memory for checker tests, with the leaves the loader would produce.
 */
final class Specs {
  private Specs() {}

  /**
   * An environment whose services (name to version) all run on role "r_<name>" with one node each
   * by default.
   */
  static EnvironmentSpec env(
      String name,
      Map<String, String> versions,
      Map<String, Integer> topology,
      Map<String, String> extraLeaves) {
    Path file = Path.of("vars", name + ".yml");
    Position at = new Position(file, 1, 1);
    TreeMap<String, ServiceSpec> services = new TreeMap<>();
    TreeMap<String, Scalar> leaves = new TreeMap<>();
    leaves.put("schema", new Scalar(at, "parity/v1", ScalarType.STRING));
    leaves.put("project", new Scalar(at, "shop", ScalarType.STRING));
    leaves.put("environment", new Scalar(at, name, ScalarType.STRING));
    TreeMap<String, Integer> topo = new TreeMap<>(topology);
    versions.forEach(
        (service, version) -> {
          String role = "r_" + service;
          services.put(
              service,
              new ServiceSpec(service, version, role, 1000, Map.of(), null, null, at, null));
          leaves.put(
              "services." + service + ".version", new Scalar(at, version, ScalarType.STRING));
          leaves.put("services." + service + ".role", new Scalar(at, role, ScalarType.STRING));
          leaves.put("services." + service + ".port", new Scalar(at, "1000", ScalarType.INT));
          topo.putIfAbsent(role, 1);
        });
    topo.forEach(
        (role, n) -> leaves.put("topology." + role, new Scalar(at, n.toString(), ScalarType.INT)));
    extraLeaves.forEach((k, v) -> leaves.put(k, new Scalar(at, v, ScalarType.STRING)));
    return new EnvironmentSpec(
        name,
        file,
        "shop",
        false,
        services,
        topo,
        new TreeMap<>(),
        0,
        "127.0.0.1",
        new EnvironmentSpec.TerraformSettings("terraform", "local", null, "parity_" + name, 60),
        new EnvironmentSpec.AnsibleSettings(5, 60),
        new TreeMap<>(),
        leaves,
        EnvironmentSpec.NodeAccess.LOCAL,
        new TreeMap<>(),
        List.of());
  }

  static EnvironmentSpec env(String name, Map<String, String> versions) {
    return env(name, versions, Map.of(), Map.of());
  }
}
