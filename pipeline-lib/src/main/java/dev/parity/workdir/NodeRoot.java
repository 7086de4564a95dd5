package dev.parity.workdir;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where the local stack's nodes keep their data. Services run as an unprivileged user, who must be
 * able to reach the directory: under the work dir when every directory above it lets others pass
 * (o+x), else under /var/lib/parity (a clone in root's 0700 home, for instance), one directory per
 * work dir.
 */
public final class NodeRoot {
  private NodeRoot() {}

  public static final String ENV = "PARITY_NODE_ROOT";

  /**
   * {@code $PARITY_NODE_ROOT} when set (agents that share state must agree on it), else derived
   * from the work dir.
   */
  public static Path of(WorkDir workDir, java.util.Map<String, String> env) {
    String configured = env.get(ENV);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    return of(workDir);
  }

  public static Path of(WorkDir workDir) {
    Path preferred = workDir.root().resolve("nodes");
    if (traversableByOthers(workDir.root())) {
      return preferred;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(workDir.root().toString().getBytes(UTF_8));
      return Path.of("/var/lib/parity")
          .resolve("nodes-" + HexFormat.of().formatHex(digest).substring(0, 12));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean traversableByOthers(Path dir) {
    for (Path p = dir.getParent(); p != null; p = p.getParent()) {
      try {
        if (Files.exists(p)
            && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
          return false;
        }
      } catch (IOException | UnsupportedOperationException e) {
        return false;
      }
    }
    return true;
  }
}
