package dev.parity.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's Chromium, headless, with a fresh profile and no background network. */
public final class Chromium {
  private Chromium() {}

  /** Runs chromium on the page (a file or an http URL) and returns what it printed. */
  public static String run(String url, String... args) throws Exception {
    Path profile = Files.createTempDirectory("chromium-profile-");
    List<String> argv =
        new ArrayList<>(
            List.of(
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + profile));
    argv.addAll(List.of(args));
    argv.add(url);
    Process p;
    try {
      p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (java.io.IOException e) {
      throw new AssertionError(
          "Debian's chromium is needed to render the report: apt-get install -y chromium "
              + "(.ci/run installs it)",
          e);
    }
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
    new ProcessBuilder("rm", "-rf", profile.toString()).start().waitFor();
    return out;
  }

  public static String run(Path page, String... args) throws Exception {
    return run(page.toUri().toString(), args);
  }
}
