package dev.parity.store;

import dev.parity.secret.SecretResolver;
import dev.parity.vars.StoreSettings;
import dev.parity.workdir.WorkDir;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the store a variable set names: the shared one when common.yml has one, else the work dir.
 */
public final class Stores {
  private Stores() {}

  public static Store open(
      Optional<StoreSettings> settings, WorkDir workDir, Map<String, String> env) {
    if (settings.isEmpty()) {
      return new WorkDirStore(workDir, env);
    }
    StoreSettings s = settings.get();
    return PgStore.open(connStr(s, env), s.connStr().name(), s.schema(), env);
  }

  /** The store's own credential (an env or file reference: the loader refuses a generated one). */
  private static String connStr(StoreSettings settings, Map<String, String> env) {
    return new SecretResolver(
            env,
            ref -> {
              throw new IllegalStateException("a store's connection string is never generated");
            })
        .resolveOneLine(settings.connStr(), "the store's connection string");
  }
}
