package dev.parity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * What a command tells {@link Cli} about its run, so that one place writes the run record for every
 * command: the work dir (no record without one), the environment, the plan fingerprint and the
 * results.
 */
final class RunRecorder {
  Path workDir;
  String environment;
  String planFingerprint;
  JsonNode results;

  void workDir(Path dir) {
    this.workDir = dir;
  }

  void environment(String name) {
    this.environment = name;
  }

  void results(JsonNode node) {
    this.results = node;
  }

  void planFingerprint(String fingerprint) {
    this.planFingerprint = fingerprint;
  }
}
