package dev.parity.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.error.ParityException;
import dev.parity.secret.SecretRef;
import dev.parity.secret.SecretResolver;
import dev.parity.text.SecretMasker;
import dev.parity.vars.EnvironmentSpec;
import java.util.Map;
import java.util.TreeMap;

/**
 * An environment's secret values, resolved at run time, and how each tool receives them: only
 * through environment variables of the tool's process, never argv, never a rendered file, never a
 * log (the masker hides them).
 *
 * @param values secret name to value
 */
public record SecretHandoff(Map<String, String> values) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public SecretHandoff {
    values = Map.copyOf(values);
  }

  /** Every secret of the environment (configure and assert hand them all to the nodes). */
  public static SecretHandoff resolve(EnvironmentSpec spec, SecretResolver resolver) {
    return resolve(spec, resolver, spec.secrets().keySet());
  }

  /**
   * Only the named secrets of the environment: a command reads no secret it does not use. Every
   * secret that cannot be read is named once, in one error, before any is generated.
   */
  public static SecretHandoff resolve(
      EnvironmentSpec spec, SecretResolver resolver, java.util.Collection<String> names) {
    java.util.List<String> missing = new java.util.ArrayList<>();
    for (String name : new java.util.TreeSet<>(names)) {
      SecretRef ref = spec.secrets().get(name);
      resolver.unresolvable(ref).ifPresent(why -> missing.add(SecretResolver.missing(ref, why)));
    }
    if (!missing.isEmpty()) {
      throw new ParityException(
          spec.name()
              + ": "
              + (missing.size() == 1
                  ? missing.get(0)
                  : missing.size()
                      + " secrets cannot be read:\n  "
                      + String.join("\n  ", missing)));
    }
    Map<String, String> values = new TreeMap<>();
    for (String name : names) {
      values.put(name, resolver.resolve(spec.secrets().get(name)));
    }
    return new SecretHandoff(values);
  }

  /**
   * {@code TF_VAR_secrets}: a JSON map that Terraform reads into a {@code sensitive} map(string)
   * variable.
   */
  public Map<String, String> terraformEnvironment() {
    try {
      return Map.of("TF_VAR_secrets", JSON.writeValueAsString(new TreeMap<>(values)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code PARITY_SECRET_<NAME>} per secret, read in playbooks with {@code lookup('env', ...)}. */
  public Map<String, String> ansibleEnvironment() {
    Map<String, String> env = new TreeMap<>();
    values.forEach((name, value) -> env.put(variable(name), value));
    return env;
  }

  public static String variable(String secretName) {
    return SecretRef.variable(secretName);
  }

  public SecretMasker masker() {
    return SecretMasker.of(java.util.List.copyOf(values.values()));
  }
}
