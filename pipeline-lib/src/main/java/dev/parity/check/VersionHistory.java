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

  /**
   * A history opened only when first asked: {@code check} reads it only to measure a trailing
   * patch's window, so a set in parity is checked without the shared store's credential.
   */
  static VersionHistory whenNeeded(java.util.function.Supplier<VersionHistory> open) {
    return new VersionHistory() {
      private VersionHistory history;

      private synchronized VersionHistory history() {
        if (history == null) {
          history = open.get();
        }
        return history;
      }

      @Override
      public Optional<Instant> firstReached(String service, String version) {
        return history().firstReached(service, version);
      }

      @Override
      public void record(String service, String version, String environment, Instant at) {
        history().record(service, version, environment, at);
      }
    };
  }

  /** The history kept in a work dir. */
  static VersionHistory inWorkDir(Path workDir) {
    return new VersionHistoryFile(workDir);
  }
}
