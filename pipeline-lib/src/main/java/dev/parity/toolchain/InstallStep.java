package dev.parity.toolchain;

/**
 * One tool the installer puts in place. Installs are all-or-nothing: a failed step removes what it
 * wrote.
 */
interface InstallStep {
  /** e.g. "opentofu 1.10.10" */
  String title();

  /**
   * True when the pinned version is already in place and complete; then {@link #install()} is
   * skipped.
   */
  boolean isInstalled();

  /** Installs it and returns a short phrase saying how ("built from the Go module proxy"). */
  String install() throws Exception;
}
