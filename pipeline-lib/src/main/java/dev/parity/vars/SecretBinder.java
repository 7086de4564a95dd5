package dev.parity.vars;

import static dev.parity.vars.YamlValues.flag;
import static dev.parity.vars.YamlValues.text;

import dev.parity.secret.SecretRef;
import dev.parity.vars.YamlNode.YamlMap;
import java.nio.file.Path;

/** Binds a secret reference (never a value: values are read by the command that uses them). */
final class SecretBinder {
  private final Problems problems;

  SecretBinder(Problems problems) {
    this.problems = problems;
  }

  SecretRef secretRef(String name, YamlMap ref, Path dir) {
    if (ref.get("env") != null) {
      return new SecretRef.FromEnv(
          name, text(ref.get("env")), ref.get("env").position().toString());
    }
    if (ref.get("env_file") != null) {
      return new SecretRef.FromEnvFile(
          name, text(ref.get("env_file")), ref.get("env_file").position().toString());
    }
    if (ref.get("file") != null) {
      return new SecretRef.FromFile(
          name,
          dir.resolve(text(ref.get("file"))).normalize(),
          ref.get("file").position().toString());
    }
    if (!flag(ref.get("generate"), false)) {
      problems.add(
          new VarProblem(
              ref.get("generate").position(),
              "secrets." + name + ".generate",
              "false generates nothing, and this secret has no other source: give env, env_file or"
                  + " file, or generate: true"));
    }
    SecretRef.Kind kind =
        ref.get("kind") != null && text(ref.get("kind")).equals("ssh-key")
            ? SecretRef.Kind.SSH_KEY
            : SecretRef.Kind.PASSWORD;
    return new SecretRef.Generated(name, kind, ref.position().toString());
  }
}
