package dev.parity.ansible;

import dev.parity.error.ParityException;
import dev.parity.toolchain.ToolCache;
import dev.parity.toolchain.Toolchain;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The installed tools a configuration run uses: ansible-playbook and its Python from the tool
 * cache, the PostgreSQL builds, memcached from PATH, and the tool cache itself (developer tools
 * installed from it).
 */
public record AnsibleTools(Path ansiblePlaybook, Path python, Path memcached, ToolCache toolCache) {

  /** The PostgreSQL builds, one directory per version, in the tool cache. */
  public Path postgresqlBuilds() {
    return toolCache.postgresqlBuilds();
  }

  public static AnsibleTools resolve(
      Toolchain toolchain, ToolCache cache, Map<String, String> env) {
    Path playbook = cache.ansiblePlaybook(toolchain.ansibleCore());
    if (!Files.isExecutable(playbook)) {
      throw new ParityException(
          "ansible-playbook "
              + toolchain.ansibleCore()
              + " is not installed; run "
              + "./parity tools install, then ./parity doctor");
    }
    Path memcached = null;
    for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "memcached");
      if (Files.isExecutable(candidate)) {
        memcached = candidate;
        break;
      }
    }
    if (memcached == null) {
      throw new ParityException("memcached is not on PATH; run ./parity doctor for the fix");
    }
    return new AnsibleTools(playbook, playbook.resolveSibling("python"), memcached, cache);
  }
}
