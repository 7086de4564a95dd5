package dev.parity.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The steps with sh bound to the real shell: hostile values reach the program as single literal
 * arguments.
 */
class RealShellTest extends PipelineTestSupport {
  private Path dir;

  @Override
  @BeforeEach
  public void setUp() throws Exception {
    super.setUp();
    dir = Files.createTempDirectory("real-shell-");
    Path launcher = dir.resolve("print-args");
    Files.writeString(launcher, "#!/bin/sh\nprintf '%s\\0' \"$@\" > \"$ARGS_FILE\"\n");
    launcher.toFile().setExecutable(true);
    ((Map<String, String>) getBinding().getVariable("env"))
        .put("PARITY_LAUNCHER", launcher.toString());
    realShell(dir, Map.of("ARGS_FILE", dir.resolve("args").toString()));
  }

  private List<String> argumentsReceived() throws Exception {
    String raw = Files.readString(dir.resolve("args"), StandardCharsets.UTF_8);
    return Arrays.asList(raw.substring(0, raw.length() - 1).split("\0", -1));
  }

  @Test
  void hostileValuesArriveAsOneLiteralArgumentEach() throws Exception {
    for (String hostile : List.of("'; rm -rf / #", "$(id)", "a\nb", "`id`", "x\" y", "$HOME")) {
      getBinding().setVariable("hostile", hostile);
      pipeline("parityConfigure(env: 'qa', limit: hostile)");
      assertThat(argumentsReceived())
          .containsExactly("configure", "--env", "qa", "--limit", hostile);
    }
    assertThat(dir.resolve("id")).doesNotExist();
  }
}
