package dev.parity.vars;

import static dev.parity.vars.YamlValues.optionalMap;
import static dev.parity.vars.YamlValues.text;
import static dev.parity.vars.YamlValues.textOr;

import dev.parity.vars.YamlNode.YamlMap;
import java.nio.file.Path;
import java.util.Set;

/** Binds common.yml's store section. */
final class StoreBinder {
  private final Problems problems;

  private final SecretBinder secrets;

  StoreBinder(Problems problems, SecretBinder secrets) {
    this.problems = problems;
    this.secrets = secrets;
  }

  /** common.yml's store, or null; its connection string only from env or file. */
  StoreSettings store(YamlMap common, Path dir) {
    YamlMap s = optionalMap(common, "store");
    if (s == null || !(s.get("conn_str") instanceof YamlMap ref)) {
      return null;
    }
    boolean onlyKnownKeys = Set.of("env", "file").containsAll(ref.entries().keySet());
    if (onlyKnownKeys && (ref.get("env") == null) == (ref.get("file") == null)) {
      problems.add(
          new VarProblem(
              ref.position(),
              "store.conn_str",
              "a secret reference needs exactly one of env, file (a store's credentials are never"
                  + " generated)"));
      return null;
    }
    if (!onlyKnownKeys) {
      return null; // the schema names the unknown key
    }
    String project = common.get("project") == null ? "parity" : text(common.get("project"));
    return new StoreSettings(
        secrets.secretRef("store", ref, dir),
        textOr(s, "schema", "parity_" + project.replace('-', '_')));
  }
}
