package dev.parity.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs a command a test needs (ip, ssh-keygen, ...) and fails the test unless it succeeds. */
public final class Commands {
  private Commands() {}

  /**
   * Runs a cleanup command whatever it finds (a host already gone, a rule never added): its output
   * goes to the test's own, its exit is not judged.
   */
  public static void bestEffort(String... argv) throws Exception {
    new ProcessBuilder(List.of(argv)).inheritIO().start().waitFor();
  }

  /** The command's output (stdout and stderr); the test fails with it unless the exit is 0. */
  public static String ok(String... argv) throws Exception {
    Process p = new ProcessBuilder(List.of(argv)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", argv) + ": " + out).isZero();
    return out;
  }
}
