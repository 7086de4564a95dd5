package dev.parity.check;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * When each service version first reached an environment, appended by rollouts; the patch window of
 * {@code parity check} is measured from it. Kept in the work dir, or in the shared store where
 * every agent sees the same history.
 */
public interface VersionHistory {

  /** The earliest time any environment reached this version of the service, if recorded. */
  Optional<Instant> firstReached(String service, String version);

  /** Records that an environment reached a version at that time. */
  void record(String service, String version, String environment, Instant at);

  /** The history kept in a work dir. */
  static VersionHistory inWorkDir(Path workDir) {
    return new VersionHistoryFile(workDir);
  }
}
